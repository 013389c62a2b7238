/**
 * The catalogue walk: every code the engine can emit (the catalogue's own keys, which the type
 * of `msg()` limits codes to) has a non-empty text in every language, with the same
 * placeholders, and renders with no placeholder left over. A code added in one language only is
 * a type error; this catches an empty or half-translated one.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract.js';
import { albumName, errnoText, LOCALE_TAGS, LOCALES, localeFromEnv, MESSAGE_CODES, messageTemplate, msg, parseMessage, renderMessage, type MessageCode } from './index.js';
import { formatNumber } from './format.js';
import { messageRefSchema } from './schema.js';

/** `{name}` and `{name, plural, …}` placeholders of a template, sorted. */
function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{([\w-]+)(?:, plural,|\})/g)) names.add(match[1] as string);
  return [...names].sort();
}

/** A value for every placeholder: numbers for plurals, text otherwise. */
function sampleParams(template: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const name of placeholders(template)) params[name] = new RegExp(`\\{${name}, plural,`).test(template) ? 2 : `‹${name}›`;
  // Plural templates also read `n`/`total` as numbers when they appear plainly.
  for (const name of ['n', 'total', 'seconds']) if (name in params) params[name] = 2;
  return params;
}

describe('the message catalogue', () => {
  it('has every contract error code', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(MESSAGE_CODES).toContain(`error.${code}`);
  });

  it.each(MESSAGE_CODES.map((code) => [code]))('%s: said in every language, same placeholders, nothing left over', (code: MessageCode) => {
    const reference = placeholders(messageTemplate(code, 'en'));
    for (const locale of LOCALES) {
      const template = messageTemplate(code, locale);
      expect(template?.trim(), `${code} in ${locale}`).toBeTruthy();
      expect(placeholders(template), `${code} in ${locale}`).toEqual(reference);
      const text = renderMessage(msg(code, sampleParams(template)), locale);
      expect(text, `${code} in ${locale}`).not.toMatch(/[{}]/);
      expect(text.trim()).not.toBe('');
    }
  });

  it('has the same codes in English and French, and no French left in English', () => {
    for (const code of MESSAGE_CODES) expect(messageTemplate(code, 'en')).not.toMatch(/[àâçéèêëîïôûùœ]|disjoncteur|secours/i);
  });

  it('renders nested messages and lists in the same language, with plurals by the language’s rules', () => {
    const failure = msg('error.sources_failed', {
      n: 1,
      failures: [msg('error.source_failed', { source: 'discogs:nobody', reason: msg('error.discogs_no_user', { username: 'nobody' }) })],
    });
    expect(renderMessage(failure, 'en')).toBe('A source could not be synced: discogs:nobody: Discogs has no user nobody.');
    expect(renderMessage(failure, 'fr')).toBe('Une source n’a pas pu être synchronisée : discogs:nobody : Discogs n’a pas d’utilisateur nobody.');
    const warning = msg('warning.haiku_fallback', { n: 2, total: 5, reason: msg('fallback.resting') });
    expect(renderMessage(warning, 'en')).toBe(
      'EurIA did not write 2 of the 5 haikus (EurIA failed several times in a row and is left to rest for a while): written offline instead.',
    );
    expect(renderMessage(msg('note.uncredited_artists', { n: 1 }), 'fr')).toBe('1 artiste crédité sur aucun album n’a pas été importé.');
    expect(renderMessage(msg('note.uncredited_artists', { n: 1200 }), 'fr')).toBe(
      '1\u202f200 artistes crédités sur aucun album n’ont pas été importés.',
    );
  });

  it('names the one-shot import like a task, and says how many notes were left out', () => {
    expect(renderMessage(msg('task.import_collection'), 'fr')).toBe('Import de la collection');
    expect(renderMessage(msg('task.import_collection'), 'en')).toBe('Collection import');
    expect(renderMessage(msg('note.more', { n: 3 }), 'en')).toBe('… and 3 more notes.');
    expect(renderMessage(msg('note.more', { n: 1 }), 'fr')).toBe('… et 1 autre remarque.');
  });

  it('checks the wire form against the catalogue', () => {
    expect(messageRefSchema.safeParse(msg('error.sources_failed', { n: 1, failures: [msg('error.source_failed', { source: 'x', reason: msg('error.internal') })] })).success).toBe(true);
    expect(messageRefSchema.safeParse({ key: 'no.such.code' }).success).toBe(false);
  });

  it('names an album as Title — Artist (year), never by an internal key', () => {
    expect(albumName({ title: '461 Ocean Boulevard', artists: ['Eric Clapton'], year: 1974 })).toBe('461 Ocean Boulevard — Eric Clapton (1974)');
    expect(albumName({ title: 'Bruit', artists: ['Sonic Boom', 'Spacemen 3'], year: null })).toBe('Bruit — Sonic Boom, Spacemen 3');
    expect(albumName({ title: 'Untitled', artists: [] })).toBe('Untitled');
  });

  it('reads a rendered message back to its code, in either language, numbers included', () => {
    for (const locale of LOCALES) {
      for (const ref of [msg('fallback.resting'), msg('fallback.timeout', { seconds: 0.2 }), msg('fallback.too_slow', { seconds: 60 })]) {
        expect(parseMessage(renderMessage(ref, locale), 'fallback.'), locale).toEqual(ref);
      }
    }
    expect(parseMessage('EurIA indisponible (disjoncteur ouvert après 5 échecs)', 'fallback.')).toBeNull();
  });

  it('says a file-system error in plain words, and nothing for an unknown one', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/out/x.md'"), { code: 'EACCES', path: '/out/x.md' });
    expect(renderMessage(errnoText(denied)!, 'fr')).toBe('Cette application n’a pas le droit de lire ou d’écrire /out/x.md.');
    expect(errnoText(new Error('boom'))).toBeNull();
  });

  it('picks the command line’s language the POSIX way', () => {
    expect(localeFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeFromEnv({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'fr_CA' })).toBe('fr');
    expect(localeFromEnv({})).toBe('en');
  });
});

describe('numbers', () => {
  it('are written as Intl writes them in each language, small counts included (those skip ICU)', () => {
    for (const locale of LOCALES) {
      const intl = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 });
      for (const value of [0, 1, 7, 42, 999, 1000, 1234, 100000, 1.5, 0.25, 999.5, -1, -1234, 12345.678]) {
        expect(formatNumber(value, locale)).toBe(intl.format(value));
      }
    }
  });
});
