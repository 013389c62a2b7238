/**
 * A real collection database in a temp folder for tests: filled with plain SQL (`insertAlbums`)
 * or through the real collection (`freshCollection`), with what the tests compare it by.
 */
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/core/collection/database.js';
import { createCollection, type Collection } from '../../electron/core/collection/index.js';
import { createLocalHaikuWriter } from '../../electron/core/haiku/local.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import type { TaskContext } from '../../electron/core/tasks/types.js';
import type { Clock } from '../../electron/core/types.js';
import { createFakeClock } from './fake-clock.js';
import { tempDir } from './temp-dir.js';

/** A collection database (migrated, empty) in `dir`. */
export function createTestDb(dir: string): Db {
  return openDatabase(path.join(dir, 'collection.db'));
}

export interface TestAlbum {
  id: number;
  title: string;
  year?: number | null;
  support?: string | null;
  source?: string | null;
  spotify_url?: string | null;
  discogs_id?: string | null;
  discogs_url?: string | null;
  genre?: string | null;
  image_url?: string | null;
  created_at?: string;
  artists?: string[];
  tracks?: Array<{ position: number | null; title: string; duration_seconds: number | null }>;
}

export function insertAlbums(db: Db, albums: TestAlbum[]): void {
  const album = db.prepare(
    `INSERT INTO albums (id, title, year, support, source, spotify_url, discogs_id, discogs_url, genre, image_url, created_at)
     VALUES (@id, @title, @year, @support, @source, @spotify_url, @discogs_id, @discogs_url, @genre, @image_url, @created_at)`,
  );
  const artist = db.prepare('INSERT INTO artists (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
  const artistId = db.prepare('SELECT id FROM artists WHERE name = ?').pluck();
  const credit = db.prepare('INSERT INTO album_artists (album_id, position, artist_id) VALUES (?, ?, ?)');
  const track = db.prepare('INSERT INTO tracks (album_id, position, title, duration_seconds) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const a of albums) {
      album.run({
        year: null,
        support: null,
        source: null,
        spotify_url: null,
        discogs_id: null,
        discogs_url: null,
        genre: null,
        image_url: null,
        created_at: '2026-01-01T00:00:00.000+01:00',
        ...a,
        artists: undefined,
        tracks: undefined,
      });
      (a.artists ?? []).forEach((name, position) => {
        artist.run(name);
        credit.run(a.id, position, artistId.get(name));
      });
      for (const t of a.tracks ?? []) track.run(a.id, t.position, t.title, t.duration_seconds);
    }
  })();
}

/** When the imports of `freshCollection` happen: 2026-01-31 21:02:26.427 in Paris (the tests' zone). */
export const IMPORT_TIME = new Date('2026-01-31T20:02:26.427Z');

export interface Fixture {
  dir: string;
  db: Db;
  collection: Collection;
  logLines: string[];
}

export function freshCollection(dir = tempDir()): Fixture {
  const db = createTestDb(dir);
  const logLines: string[] = [];
  const clock = createFakeClock(IMPORT_TIME);
  const collection = createCollection(db, { clock, log: createMemoryLogger(logLines, 'aime', () => clock.now()) });
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

/** What a task runs with: this collection, a memory log, the offline haiku writer. */
export function testContext(db: Db, outputDir: string, clock: Clock, overrides: Partial<TaskContext> = {}) {
  const log = createMemoryLogger([], 'app.services.scheduler_service', () => clock.now());
  const ctx: TaskContext = {
    db,
    outputDir,
    maxFilesPerType: 5,
    clock,
    log,
    haiku: createLocalHaikuWriter(),
    haikuLanguage: 'fr',
    ...overrides,
  };
  return { ctx, log };
}
