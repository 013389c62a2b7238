/**
 * The Markdown export read on two cores: the same bytes as on one, one snapshot for both
 * readers, and stored BLOBs read as text.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { writeOutputFile } from '../output/atomic-write.js';
import { UNKNOWN_ARTIST, writeMarkdownExport } from './markdown-export.js';
import { openMarkdownSource, type MarkdownSource } from './markdown-source.js';
import { withReadSnapshot } from './read-snapshot.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb, insertAlbums, type TestAlbum } from '../../../test/support/test-collection.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = createTestDb(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * About 1,500 artists (several chunks of them) with accents, case and homonyms to sort,
 * albums credited twice to one artist, years that tie, and albums without any artist.
 */
function albums(count: number): TestAlbum[] {
  const names = ['Émile', 'emile', 'Zoé', 'Sonic Boom (2)', 'Sonic Boom', 'Ørjan', 'ABBA', 'a-ha'];
  return Array.from({ length: count }, (_, i) => {
    const artist = `${names[i % names.length]} ${Math.floor(i / 3) % 1500}`;
    return {
      id: i + 1,
      title: i % 17 === 0 ? `Titre *${i}* [live]` : `Album ${(i * 7919) % count}`,
      year: i % 9 === 0 ? null : 1960 + (i % 5),
      support: i % 4 === 0 ? 'Vinyle' : null,
      artists: i % 23 === 0 ? [] : i % 31 === 0 ? [artist, artist] : [artist, ...(i % 7 === 0 ? ['Guest'] : [])],
    };
  });
}

/** Chunks the worker read in the current export (told by `onWorkerChunk`). */
let workerChunks = 0;
const countWorkerChunk = () => void workerChunks++;

/** Exports through `open(reader)`; returns the file's text and how many chunks the worker read. */
async function exportWith(open: (reader: Db) => MarkdownSource) {
  workerChunks = 0;
  const file = await withReadSnapshot(db, async (reader) => {
    const source = open(reader);
    try {
      return await writeOutputFile({ dir, kind: 'markdown', date: new Date(2026, 0, 31) }, async (out) => {
        await writeMarkdownExport(reader, source, out, { now: new Date(2026, 0, 31, 8), locale: 'fr' });
      });
    } finally {
      await source.close();
    }
  });
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file);
  return { text, workerChunks };
}

const oneCore = (reader: Db) => openMarkdownSource(db, reader, { locale: 'fr', log: createMemoryLogger(), parallelFrom: Infinity, onWorkerChunk: countWorkerChunk });
const twoCores = (reader: Db) => openMarkdownSource(db, reader, { locale: 'fr', log: createMemoryLogger(), parallelFrom: 1, onWorkerChunk: countWorkerChunk });

describe('Markdown export on two cores', () => {
  it('writes the same bytes as on one core', async () => {
    const data = albums(4600);
    insertAlbums(db, data);
    const one = await exportWith(oneCore);
    const two = await exportWith(twoCores);
    expect(one.workerChunks).toBe(0);
    expect(two.workerChunks).toBeGreaterThan(0);
    expect(two.text).toBe(one.text);
    // One section per artist (several chunks of them) and one for albums without artist; each
    // album once under each of its artists.
    const byArtist = new Map<string, Set<number>>();
    for (const album of data) for (const name of album.artists!) byArtist.set(name, (byArtist.get(name) ?? new Set()).add(album.id));
    const uncredited = data.filter((album) => album.artists!.length === 0).length;
    expect(byArtist.size).toBeGreaterThan(1000);
    expect(two.text.match(/^## /gm)).toHaveLength(byArtist.size + 1);
    expect(two.text.match(/^- /gm)).toHaveLength([...byArtist.values()].reduce((n, ids) => n + ids.size, uncredited));
    expect(two.text).toContain(`## 🎤 ${UNKNOWN_ARTIST}`);
  });

  it('leaves out the section of albums without artist when there is none', async () => {
    insertAlbums(db, albums(700).map((album) => ({ ...album, artists: album.artists!.length > 0 ? album.artists : ['Solo'] })));
    const one = await exportWith(oneCore);
    const two = await exportWith(twoCores);
    expect(two.text).toBe(one.text);
    expect(two.text).not.toContain(UNKNOWN_ARTIST);
  });

  it('both readers see one snapshot: albums added during the export are not in it', async () => {
    insertAlbums(db, albums(3000));
    const expected = (await exportWith(oneCore)).text;
    const other = new Database(db.name);
    try {
      const result = await exportWith((reader) => {
        const source = twoCores(reader);
        // Another connection (another process) commits an album with and without artist.
        other.exec(`INSERT INTO albums (id, title, created_at) VALUES (9001, 'added meanwhile', 'now');
          INSERT INTO albums (id, title, created_at) VALUES (9002, 'also added', 'now');
          INSERT INTO album_artists (album_id, position, artist_id) VALUES (9002, 0, (SELECT min(id) FROM artists));`);
        return source;
      });
      expect(result.workerChunks).toBeGreaterThan(0);
      expect(result.text).toBe(expected);
    } finally {
      other.close();
    }
  });

  it('reads a text stored as a BLOB (a hand-edited database) as its text', async () => {
    insertAlbums(db, albums(1000));
    const before = (await exportWith(oneCore)).text;
    db.exec(`UPDATE albums SET title = CAST(title AS BLOB), support = CAST(support AS BLOB) WHERE id IN (4, 5, 23, 500)`);
    db.exec(`UPDATE artists SET name = CAST(name AS BLOB) WHERE name = 'Guest'`);
    expect((await exportWith(oneCore)).text).toBe(before);
    expect((await exportWith(twoCores)).text).toBe(before);
  });
});
