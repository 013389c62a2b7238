import { describe, expect, it } from 'vitest';
import { messageKeys, pickLocale, translator } from './messages.js';

describe('pickLocale', () => {
  it('follows the first preferred language: French for any fr-*, English otherwise', () => {
    expect(pickLocale(['fr-FR', 'en-US'])).toBe('fr');
    expect(pickLocale(['fr-CA'])).toBe('fr');
    expect(pickLocale(['en-US', 'fr-FR'])).toBe('en');
    expect(pickLocale(['de-DE'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });
});

describe('translator', () => {
  it('has the same keys in both languages and no empty text', () => {
    expect(messageKeys('fr').sort()).toEqual(messageKeys('en').sort());
    const fr = translator('fr');
    for (const key of messageKeys('fr')) expect(fr(key).trim()).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const en = translator('en');
    expect(en('files.applied', { n: 7 })).toBe('Saved: the newest 7 files of each type are kept.');
    expect(en('files.applied')).toContain('{n}');
  });

  it('uses the seed wording for the files settings in French', () => {
    const fr = translator('fr');
    expect(fr('files.heading')).toBe('⚙️ Configuration des fichiers générés');
    expect(fr('files.apply')).toBe('Appliquer');
    expect(fr('run.now')).toBe('Exécuter maintenant');
  });
});
