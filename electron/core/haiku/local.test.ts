import { describe, expect, it } from 'vitest';
import { createLocalHaikuWriter, frenchOf, hashText, localHaiku } from './local.js';
import type { HaikuAlbum } from './types.js';
import { msg } from '../../../shared/messages/index.js';

const albums: HaikuAlbum[] = [
  { id: 1, title: '461 Ocean Boulevard', artists: ['Eric Clapton'], year: 1974 },
  { id: 2, title: 'Classic Sinatra', artists: ['Frank Sinatra'], year: 2000 },
  { id: 3, title: 'T.V. Sky', artists: ['The Young Gods'], year: 2022 },
  { id: 4, title: 'Kind of Blue', artists: ['Miles Davis', 'John Coltrane'], year: 1959 },
  { id: 5, title: 'Untitled Demo', artists: [], year: null },
  { id: 6, title: 'Rumours', artists: ['Fleetwood Mac'], year: 1977 },
  { id: 7, title: 'Homogenic', artists: ['Björk'], year: 1997 },
  { id: 8, title: 'Blue Train', artists: ['John Coltrane'], year: 1957 },
];

describe('localHaiku', () => {
  it('gives three non-empty lines for every album, in both languages', () => {
    for (const album of albums) {
      for (const language of ['fr', 'en'] as const) {
        const lines = localHaiku(album, language);
        expect(lines).toHaveLength(3);
        for (const line of lines) {
          expect(line.trim()).not.toBe('');
          expect(line).not.toMatch(/\n/);
          expect(line).not.toMatch(/undefined|null|NaN/);
        }
      }
    }
  });

  it('writes French "de" as a French speaker would: "d’un jour sans date", never "de un"', () => {
    expect(frenchOf('un jour sans date')).toBe("d'un jour sans date");
    expect(frenchOf('Eric Clapton')).toBe("d'Eric Clapton");
    expect(frenchOf('1974')).toBe('de 1974');
    expect(frenchOf('Les Rita Mitsouko')).toBe('des Rita Mitsouko');
    expect(frenchOf('Le Tigre')).toBe('du Tigre');
    expect(frenchOf('Hendrix')).toBe('de Hendrix');
    expect(frenchOf('Yes')).toBe('de Yes');
    // Every template, on many albums without a year or an artist (759 of 940 in a real collection).
    const lines: string[] = [];
    for (let id = 1; id <= 300; id += 1) {
      lines.push(...localHaiku({ id, title: `Album ${id} Ocean Blue`, artists: id % 3 === 0 ? [] : ['Eric Clapton'], year: null }, 'fr'));
    }
    const wrong = lines.filter((line) => /\bde (?:[aeiouéèêàâîôû]|les? )/i.test(line));
    expect(wrong).toEqual([]);
    expect(lines.some((line) => line.includes("d'un jour sans date"))).toBe(true);
  });

  it('is deterministic per album', () => {
    for (const album of albums) {
      expect(localHaiku({ ...album }, 'fr')).toEqual(localHaiku(album, 'fr'));
    }
  });

  it('differs between albums and uses their own words, artist and year or decade', () => {
    const texts = albums.map((a) => localHaiku(a, 'fr').join('\n'));
    expect(new Set(texts).size).toBe(albums.length);
    for (const album of albums) {
      const text = localHaiku(album, 'fr').join(' ');
      const titleWords = album.title.split(/\W+/u).filter(Boolean);
      const usesOwnWords =
        titleWords.some((w) => text.includes(w)) ||
        album.artists.some((a) => text.includes(a)) ||
        (album.year !== null && (text.includes(String(album.year)) || text.includes(String(album.year).slice(2, 3) + '0')));
      expect(usesOwnWords, text).toBe(true);
    }
  });

  it('has no line shared by every album (no constant text)', () => {
    const all = albums.map((a) => localHaiku(a, 'en'));
    for (let i = 0; i < 3; i++) {
      expect(new Set(all.map((l) => l[i])).size).toBeGreaterThan(1);
    }
  });

  it('writes French or English according to the language', () => {
    // The same album, both languages: the templates differ, so the text differs.
    for (const album of albums) {
      expect(localHaiku(album, 'fr').join('\n')).not.toBe(localHaiku(album, 'en').join('\n'));
    }
    const fr = albums.map((a) => localHaiku(a, 'fr').join(' ')).join(' ');
    const en = albums.map((a) => localHaiku(a, 'en').join(' ')).join(' ');
    expect(fr).toMatch(/\b(la|le|les|de|dans|sur|un|une)\b/);
    expect(en).toMatch(/\b(the|in|of|on|a)\b/);
  });

  it('copes with empty titles and artists', () => {
    const lines = localHaiku({ id: 9, title: '   ', artists: [' '], year: null }, 'fr');
    for (const line of lines) expect(line.trim()).not.toBe('');
  });

  it('hashText is stable', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('')).toBe(0x811c9dc5);
  });
});

describe('createLocalHaikuWriter', () => {
  it('returns one local haiku per album, flagged as not configured, with one warning', async () => {
    const writer = createLocalHaikuWriter();
    const batch = await writer.write(albums.slice(0, 5), 'fr');
    expect(batch.haikus).toHaveLength(5);
    batch.haikus.forEach((h, i) => {
      expect(h.lines).toEqual(localHaiku(albums[i]!, 'fr'));
      expect(h.fallbackReason).toEqual(msg('fallback.not_configured'));
    });
    expect(batch.warnings).toHaveLength(1);
    expect(batch.warnings[0]).toEqual(msg('warning.haiku_fallback', { n: 5, total: 5, reason: msg('fallback.not_configured') }));
  });

  it('test() reports that EurIA is not configured', async () => {
    const result = await createLocalHaikuWriter().test();
    expect(result.ok).toBe(false);
    expect(result.message).toBe('EurIA is not configured (no URL)');
  });
});
