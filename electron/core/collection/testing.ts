/** Test helpers for the collection: real SQLite files in temp folders, a fixed clock. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger } from '../log.js';
import type { Clock } from '../types.js';
import { openDatabase, type Db } from './database.js';
import { createCollection, type Collection } from './index.js';

export const MAKE_AIME_DB = fileURLToPath(new URL('./fixtures/make_aime_db.py', import.meta.url));
export const DISCOGS_FIXTURE = fileURLToPath(new URL('./fixtures/discogs-collection-316.csv', import.meta.url));

/** 2026-01-31 21:02:26.427 in Paris (the tests' zone). */
export const fixedClock: Clock = { now: () => new Date('2026-01-31T20:02:26.427Z') };

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aime-'));
}

export interface Fixture {
  dir: string;
  db: Db;
  collection: Collection;
  logLines: string[];
}

export function freshCollection(dir = tempDir()): Fixture {
  const db = openDatabase(path.join(dir, 'collection.db'));
  const logLines: string[] = [];
  const collection = createCollection(db, { clock: fixedClock, log: createMemoryLogger(logLines, 'aime', () => fixedClock.now()) });
  return { dir, db, collection, logLines };
}

/** Every row of every collection table and the schema, in a stable order: equal snapshots = unchanged collection. */
export function snapshot(db: Db): string {
  const tables: Record<string, string> = {
    albums: 'SELECT * FROM albums ORDER BY id',
    artists: 'SELECT * FROM artists ORDER BY id',
    album_artists: 'SELECT * FROM album_artists ORDER BY album_id, position',
    tracks: 'SELECT * FROM tracks ORDER BY id',
    imports: 'SELECT * FROM imports ORDER BY id',
    schema: 'SELECT type, name, sql FROM sqlite_master ORDER BY type, name',
  };
  return JSON.stringify(Object.fromEntries(Object.entries(tables).map(([name, sql]) => [name, db.prepare(sql).all()])));
}

export function makeAimeDb(file: string, albums: number, seed = 7): string {
  execFileSync('python3', [MAKE_AIME_DB, file, String(albums), String(seed)], { stdio: 'pipe' });
  return file;
}

/** One album as the JSON export shows it, read back from the collection (for round trips). */
export function albumsAsExported(db: Db): unknown[] {
  const albums = db
    .prepare(
      `SELECT id, title, year, support, source, spotify_url, discogs_id, discogs_url, genre, image_url, created_at
       FROM albums ORDER BY id`,
    )
    .all() as Array<Record<string, unknown> & { id: number }>;
  const credits = db.prepare(
    'SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = ? ORDER BY aa.position',
  );
  const tracks = db.prepare(
    'SELECT position, title, duration_seconds FROM tracks WHERE album_id = ? ORDER BY position, id',
  );
  return albums.map((album) => {
    const list = tracks.all(album.id);
    return {
      id: album.id,
      title: album.title,
      year: album.year,
      support: album.support,
      source: album.source,
      spotify_url: album.spotify_url,
      artists: credits.pluck().all(album.id),
      tracks_count: list.length,
      discogs_id: album.discogs_id,
      discogs_url: album.discogs_url,
      genre: album.genre,
      image_url: album.image_url,
      created_at: album.created_at,
      tracks: list,
    };
  });
}

/** Runs `action`, expecting an AimeError('invalid_input'); returns its message. */
export async function rejection(action: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await action();
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { code: e.code ?? 'none', message: e.message ?? String(error) };
  }
  throw new Error('expected the import to fail, and it succeeded');
}
