import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { detectImportFormat } from './index.js';
import { DISCOGS_FIXTURE, makeAimeDb } from '../../../test/support/fixtures.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { albumsAsExported, freshCollection, rejection, snapshot, type Fixture } from '../../../test/support/test-collection.js';

const DEMO_FILE = new URL('../../../resources/demo/collection.json', import.meta.url);

describe('demo collection', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = freshCollection();
  });
  afterEach(() => fx.db.close());

  it('is not loaded unless asked', () => {
    expect(fx.collection.stats()).toEqual({ albums: 0, artists: 0, tracks: 0, last_import: null });
  });

  it('loads a few dozen albums including the seed examples, once', async () => {
    const summary = await fx.collection.importDemo();
    expect(summary.format).toBe('demo');
    expect(summary.file.endsWith(path.join('resources', 'demo', 'collection.json'))).toBe(true);
    expect(summary.added).toBeGreaterThanOrEqual(30);
    expect(summary.added).toBeLessThanOrEqual(50);
    expect(summary).toMatchObject({ updated: 0, skipped: 0, total_albums: summary.added });

    const albums = albumsAsExported(fx.db) as Array<{
      title: string;
      year: number | null;
      support: string | null;
      source: string | null;
      artists: string[];
      tracks_count: number;
    }>;
    const find = (title: string) => albums.find((a) => a.title === title);
    expect(find('461 Ocean Boulevard')).toMatchObject({ year: 1974, artists: ['Eric Clapton'] });
    expect(find('Classic Sinatra')).toMatchObject({ artists: ['Frank Sinatra'] });
    expect(find('The Virgin Suicides Redux')).toMatchObject({ year: 2025, support: 'Vinyle', artists: ['AIR'] });
    expect(find('Moon Safari')).toMatchObject({ year: 2023, support: 'Vinyle', artists: ['AIR'] });
    expect(find('Talkie Walkie')).toMatchObject({ year: 2015, support: 'Vinyle', artists: ['AIR'] });
    expect(find('The Revenge Of Alice Cooper')).toMatchObject({ year: 2025, support: 'Vinyle', artists: ['Alice Cooper'] });
    expect(find('Live From The Astroturf')).toMatchObject({ year: 2022, support: 'Vinyle', artists: ['Alice Cooper'] });
    expect(find('T.V. Sky')).toMatchObject({ year: 2022, support: 'Vinyle', source: 'discogs', artists: ['The Young Gods'] });
    // The variety the exports must cope with.
    expect(albums.some((a) => a.artists.length >= 2)).toBe(true);
    expect(albums.some((a) => a.year === null && a.artists.length > 0)).toBe(true);
    expect(albums.some((a) => a.artists.length === 0)).toBe(true);
    expect(albums.some((a) => /[À-ÿ]/.test(a.title) || a.artists.some((n) => /[À-ÿ]/.test(n)))).toBe(true);
    expect(albums.some((a) => a.tracks_count > 0)).toBe(true);

    const stats = fx.collection.stats();
    expect(stats).toMatchObject({ albums: summary.added, last_import: { format: 'demo', added: summary.added } });
    expect(stats.tracks).toBe(albums.reduce((n, a) => n + a.tracks_count, 0));

    const again = await fx.collection.importDemo();
    expect(again).toMatchObject({ added: 0, skipped: summary.added, total_albums: summary.added });
  });

  it('is a valid JSON export whose tracks_count matches its tracks', () => {
    const doc = JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')) as {
      total_albums: number;
      albums: Array<{ id: number; tracks_count: number; tracks: unknown[] }>;
    };
    expect(doc.total_albums).toBe(doc.albums.length);
    expect(new Set(doc.albums.map((a) => a.id)).size).toBe(doc.albums.length);
    for (const album of doc.albums) expect(album.tracks_count).toBe(album.tracks.length);
  });
});

describe('detectImportFormat', () => {
  const dir = tempDir();
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('recognises content first, then the extension', () => {
    const sqlite = makeAimeDb(path.join(dir, 'backup.bin'), 20);
    expect(detectImportFormat(sqlite)).toBe('aime-db');
    expect(detectImportFormat(write('musique.db', 'not sqlite'))).toBe('aime-db');
    expect(detectImportFormat(write('export.json', '[]'))).toBe('json');
    expect(detectImportFormat(write('collection.csv', 'a;b'))).toBe('discogs-csv');
    expect(detectImportFormat(write('export.txt', '\uFEFF  {"albums": []}'))).toBe('json');
    expect(detectImportFormat(write('discogs.txt', fs.readFileSync(DISCOGS_FIXTURE)))).toBe('discogs-csv');
  });

  it('refuses what it cannot recognise, and missing files', () => {
    expect(() => detectImportFormat(write('notes.txt', 'hello'))).toThrow(/^notes\.txt: unrecognised file/);
    expect(() => detectImportFormat(path.join(dir, 'nope.csv'))).toThrow(`no such file: ${path.join(dir, 'nope.csv')}`);
  });
});

describe('importFile', () => {
  let fx: Fixture;
  let before: string;
  beforeEach(async () => {
    fx = freshCollection();
    await fx.collection.importDemo();
    before = snapshot(fx.db);
  });
  afterEach(() => fx.db.close());

  it('a missing file: names it, changes nothing', async () => {
    const missing = path.join(tempDir(), 'y.csv');
    expect(await rejection(() => fx.collection.importFile(missing))).toEqual({
      code: 'invalid_input',
      message: `no such file: ${missing}`,
    });
    expect(snapshot(fx.db)).toBe(before);
  });

  it('a folder: refused, nothing changed', async () => {
    const folder = tempDir();
    expect((await rejection(() => fx.collection.importFile(folder))).message).toBe(`not a file: ${folder} is a folder`);
    expect(snapshot(fx.db)).toBe(before);
  });

  it('a forced format wins over detection', async () => {
    const csvAsDb = path.join(fx.dir, 'collection.db');
    fs.copyFileSync(DISCOGS_FIXTURE, csvAsDb);
    expect((await rejection(() => fx.collection.importFile(csvAsDb))).message).toBe('collection.db: not an SQLite database');
    const summary = await fx.collection.importFile(csvAsDb, 'discogs-csv');
    expect(summary).toMatchObject({ format: 'discogs-csv', added: 315 });
  });

  it('resolves a relative path and logs the summary', async () => {
    const cwd = process.cwd();
    const dir = tempDir();
    fs.copyFileSync(DISCOGS_FIXTURE, path.join(dir, 'collection.csv'));
    process.chdir(dir);
    try {
      const summary = await fx.collection.importFile('collection.csv');
      expect(summary.file).toBe(path.join(fs.realpathSync(dir), 'collection.csv'));
    } finally {
      process.chdir(cwd);
    }
    expect(fx.logLines.at(-1)).toMatch(
      /^2026-01-31 21:02:26,427 - collection - INFO - 📥 Import discogs-csv collection\.csv: 315 ajoutés, 0 mis à jour, 1 ignorés \(\d+ albums\)$/,
    );
  });
});

describe('collection counts', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = freshCollection();
  });
  afterEach(() => fx.db.close());

  it('follow every change, whether this connection or another one (an import worker) wrote it', async () => {
    await fx.collection.importDemo();
    const first = fx.collection.stats();
    expect(fx.collection.stats()).toBe(first);

    // Another connection, as the import worker has: its commit is seen at the next count.
    const other = openDatabase(fx.db.name);
    try {
      other.prepare("INSERT INTO albums (title, created_at) VALUES ('Another', '2026-01-31T21:02:26.427+01:00')").run();
    } finally {
      other.close();
    }
    expect(fx.collection.stats()).toMatchObject({ albums: first.albums + 1, artists: first.artists });

    // This connection's own write.
    fx.db.prepare('DELETE FROM tracks').run();
    expect(fx.collection.stats()).toMatchObject({ albums: first.albums + 1, tracks: 0 });
  });
});
