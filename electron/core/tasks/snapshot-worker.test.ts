/** The export worker: one snapshot with the reader, SQLite's errors passed on, the lock always let go. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCompanion, type Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { shareSnapshot } from './snapshot-worker.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb, insertAlbums } from '../../../test/support/test-collection.js';

let dir: string;
let db: Db;
let reader: Db;
beforeEach(() => {
  dir = tempDir();
  db = createTestDb(dir);
  insertAlbums(db, [1, 2, 3].map((id) => ({ id, title: `Album ${id}` })));
  reader = openCompanion(db, db.name, { readonly: true });
  reader.exec('BEGIN');
});
afterEach(() => {
  reader.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('export worker', () => {
  it('answers on the same snapshot as the reader, passes SQLite errors on, and keeps answering', async () => {
    const { albums, worker, prepared } = shareSnapshot(db, reader, {
      task: 'Test export',
      log: createMemoryLogger(),
      parallelFrom: 1,
      meanwhile: (count, starting) => ({ count, starting: starting !== null }),
    });
    expect(albums).toBe(3);
    expect(prepared).toEqual({ count: 3, starting: true });
    expect(worker).not.toBeNull();
    try {
      db.prepare("INSERT INTO albums (title, created_at) VALUES ('later', 'now')").run();
      expect(await worker!.get('SELECT count(*), group_concat(title) FROM albums WHERE id > ?', [1])).toEqual([2, 'Album 2,Album 3']);
      await expect(worker!.get('SELECT nope FROM albums', [])).rejects.toThrow(/no such column: nope/);
      expect(await worker!.get('SELECT count(*) FROM albums', [])).toEqual([3]);
    } finally {
      await worker!.close();
      await worker!.close();
    }
    await expect(worker!.get('SELECT 1', [])).rejects.toThrow(/closed/);
  });

  it('runs alone below the threshold, and when another connection holds the write lock', () => {
    const log = createMemoryLogger();
    const small = shareSnapshot(db, reader, { task: 'Test export', log, parallelFrom: 4, meanwhile: (_, s) => s });
    expect(small).toEqual({ albums: 3, worker: null, prepared: null });

    const other = openCompanion(db, db.name, { readonly: true });
    other.exec('BEGIN');
    const writer = new Database(db.name);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const locked = shareSnapshot(db, other, { task: 'Test export', log, parallelFrom: 1, meanwhile: (_, s) => s });
      expect(locked.worker).toBeNull();
      expect(log.lines.join('\n')).toMatch(/Test export on one core: the collection is being written/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      other.close();
    }
  });

  it('lets go of the write lock and the worker when the export fails while the worker starts', () => {
    expect(() =>
      shareSnapshot(db, reader, {
        task: 'Test export',
        log: createMemoryLogger(),
        parallelFrom: 1,
        meanwhile: () => {
          throw new Error('bad read');
        },
      }),
    ).toThrow('bad read');
    // The lock is free again: the collection can be written at once.
    db.pragma('busy_timeout = 0');
    expect(() => db.prepare("INSERT INTO albums (title, created_at) VALUES ('after', 'now')").run()).not.toThrow();
  });
});
