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
    expect(en('files.applied')).toContain('{n, plural');
    expect(en('common.error')).toBe('Error: {message}');
  });

  it('picks plural forms by the language’s rules and writes numbers the locale’s way', () => {
    const fr = translator('fr');
    const en = translator('en');
    const summary = { file: 'a.csv', added: 0, updated: 2, skipped: 1, total: 999999 };
    expect(fr('import.summary', summary)).toBe(
      'a.csv : 0 ajouté, 2 mis à jour, 1 ignoré. La collection compte maintenant 999\u202f999 albums.',
    );
    expect(fr('import.summary', { ...summary, added: 2, skipped: 3, total: 1 })).toBe(
      'a.csv : 2 ajoutés, 2 mis à jour, 3 ignorés. La collection compte maintenant 1 album.',
    );
    expect(en('import.summary', { ...summary, total: 1 })).toBe('a.csv: 0 added, 2 updated, 1 skipped. The collection now holds 1 album.');
    expect(en('run.albums', { n: 12345 })).toBe('12,345 albums');
    expect(en('files.applied', { n: 1 })).toBe('Saved: only the newest file of each type is kept.');
    expect(fr('task.unit.hour', { n: 2 })).toBe('heures');
    // A string is shown as given: ports and years are not numbers to group.
    expect(en('common.error', { message: '8000' })).toBe('Error: 8000');
  });

  it('uses the seed wording for the files settings in French', () => {
    const fr = translator('fr');
    expect(fr('files.heading')).toBe('⚙️ Configuration des fichiers générés');
    expect(fr('files.apply')).toBe('Appliquer');
    expect(fr('run.now')).toBe('Exécuter maintenant');
  });
});
