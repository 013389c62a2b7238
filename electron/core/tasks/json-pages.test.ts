/**
 * The JSON export rendered on two cores: the same bytes as on one, one snapshot for both
 * readers, and one core whenever the snapshot cannot be shared safely.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { writeOutputFile } from '../output/atomic-write.js';
import { PAGE_SIZE, sequentialPages, writeJsonExport, type AlbumPages } from './json-export.js';
import { openAlbumPages } from './json-pages.js';
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

/** Albums over several pages, with gaps in the ids, credits, tracks and unknown values. */
function albums(count: number, step = 3): TestAlbum[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 1 + Math.floor(i * step),
    title: `Album "${i}" ✓`,
    year: i % 7 === 0 ? null : 1950 + (i % 70),
    support: i % 5 === 0 ? null : 'Vinyle',
    artists: i % 11 === 0 ? [] : [`Artist ${i % 97}`, ...(i % 13 === 0 ? ['Guest'] : [])],
    tracks: i % 4 === 0 ? [{ position: 1, title: `Track of ${i}`, duration_seconds: 200 + i }] : [],
  }));
}

/** Pages the worker rendered in the current export (told by `onWorkerPage`). */
let workerPages = 0;
const countWorkerPage = () => void workerPages++;

/** Exports through `choose(reader)`'s pages; returns the file's text, whether a worker was used and its share. */
async function exportWith(choose: (reader: Db) => AlbumPages & { parallel?: boolean; close?: () => Promise<void> }) {
  let parallel = false;
  workerPages = 0;
  const file = await withReadSnapshot(db, async (reader) => {
    const pages = choose(reader);
    parallel = pages.parallel ?? false;
    try {
      return await writeOutputFile({ dir, kind: 'json', date: new Date(2026, 0, 31) }, async (out) => {
        await writeJsonExport(reader, out, '2026-01-31T00:00:00.000+01:00', undefined, pages);
      });
    } finally {
      await pages.close?.();
    }
  });
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file);
  return { text, parallel, workerPages };
}

describe('JSON export on two cores', () => {
  it.each([
    // Sparse ids: pages of PAGE_SIZE albums (plus an empty last one when the count is a multiple).
    ['a whole number of pages, sparse ids', PAGE_SIZE * 6, 3],
    ['a last page part full, sparse ids', PAGE_SIZE * 7 + 13, 3],
    // Dense ids: pages of PAGE_SIZE ids (here ids 1 to 5535), some less than full.
    ['dense ids with a few gaps', PAGE_SIZE * 9 + 5, 1.2],
  ])('writes the same bytes as on one core (%s)', async (_, count, step) => {
    insertAlbums(db, albums(count, step));
    const one = await exportWith((reader) => sequentialPages(reader));
    // No page rendered here before the worker is ready: the first page at least is the worker's.
    const two = await exportWith((reader) => openAlbumPages(db, reader, createMemoryLogger(), { parallelFrom: 1, maxEarly: 0, onWorkerPage: countWorkerPage }));
    expect(two.parallel).toBe(true);
    expect(two.workerPages).toBeGreaterThan(0);
    expect(one.parallel).toBe(false);
    expect(two.text).toBe(one.text);
    const doc = JSON.parse(two.text);
    expect(doc.total_albums).toBe(count);
    expect(doc.albums.map((a: { id: number }) => a.id)).toEqual(albums(count, step).map((a) => a.id));
  });

  it('reads a text stored as a BLOB (a hand-edited database) as its text, on one core and on two', async () => {
    insertAlbums(db, albums(PAGE_SIZE * 4));
    const before = await exportWith((reader) => sequentialPages(reader));
    // SQLite's JSON functions would refuse these, or read 'Guest' as the binary JSON of "uest".
    db.exec(`UPDATE albums SET title = CAST(title AS BLOB), source = CAST('discogs' AS BLOB) WHERE id IN (4, 1000, 1501)`);
    db.exec(`UPDATE tracks SET title = CAST(title AS BLOB) WHERE album_id = 1201`);
    db.exec(`UPDATE artists SET name = CAST(name AS BLOB) WHERE name = 'Guest'`);
    const expected = before.text.replace(/("id": (?:4|1000|1501),\n(?:.*\n){3}\s*"source": )null/g, '$1"discogs"');
    expect(expected).not.toBe(before.text);
    const one = await exportWith((reader) => sequentialPages(reader));
    const two = await exportWith((reader) => openAlbumPages(db, reader, createMemoryLogger(), { parallelFrom: 1, maxEarly: 0, onWorkerPage: countWorkerPage }));
    expect(two.workerPages).toBeGreaterThan(0);
    expect(one.text).toBe(expected);
    expect(two.text).toBe(expected);
  });

  it('renders its first pages here while the worker starts, with the same bytes', async () => {
    insertAlbums(db, albums(PAGE_SIZE * 12));
    const one = await exportWith((reader) => sequentialPages(reader));
    const two = await exportWith((reader) => openAlbumPages(db, reader, createMemoryLogger(), { parallelFrom: 1, maxEarly: 4, onWorkerPage: countWorkerPage }));
    expect(two.text).toBe(one.text);
    // At most 4 early pages here; the page after them is the worker's.
    expect(two.workerPages).toBeGreaterThan(0);
  });

  it('stays on one core below the threshold', async () => {
    insertAlbums(db, albums(10));
    expect((await exportWith((reader) => openAlbumPages(db, reader, createMemoryLogger()))).parallel).toBe(false);
  });

  it('both readers see one snapshot: albums added during the export are not in it', async () => {
    insertAlbums(db, albums(PAGE_SIZE * 8));
    let added = 0;
    const result = await exportWith((reader) => {
      const pages = openAlbumPages(db, reader, createMemoryLogger(), { parallelFrom: 1, maxEarly: 0, onWorkerPage: countWorkerPage });
      // Another connection (another process) commits between every page the writer takes.
      const other = new Database(db.name);
      const insert = other.prepare("INSERT INTO albums (title, created_at) VALUES ('added meanwhile', 'now')");
      return {
        parallel: pages.parallel,
        async next() {
          insert.run();
          added++;
          return pages.next();
        },
        async close() {
          other.close();
          await pages.close();
        },
      };
    });
    expect(result.parallel).toBe(true);
    expect(result.workerPages).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(8);
    const doc = JSON.parse(result.text);
    expect(doc.total_albums).toBe(PAGE_SIZE * 8);
    expect(doc.albums).toHaveLength(PAGE_SIZE * 8);
    expect(doc.albums.some((a: { title: string }) => a.title === 'added meanwhile')).toBe(false);
  });

  it('falls back to one core, and says so, while another connection holds the write lock', async () => {
    insertAlbums(db, albums(PAGE_SIZE * 2));
    const writer = new Database(db.name);
    writer.exec('BEGIN IMMEDIATE');
    const log = createMemoryLogger();
    try {
      const result = await exportWith((reader) => openAlbumPages(db, reader, log, { parallelFrom: 1 }));
      expect(result.parallel).toBe(false);
      expect(JSON.parse(result.text).total_albums).toBe(PAGE_SIZE * 2);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(log.lines.join('\n')).toMatch(/JSON export on one core: the collection is being written/);
  });
});
