/** Test helper: a real collection database in a temp folder, filled with plain SQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { createLocalHaikuWriter } from '../haiku/local.js';
import type { Clock } from '../types.js';
import type { TaskContext } from './types.js';

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

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aime-'));
}

export function createTestDb(dir: string): Db {
  return openDatabase(path.join(dir, 'collection.db'));
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

export function fixedClock(date: Date): Clock & { set(next: Date): void } {
  let now = date;
  return { now: () => now, set: (next) => (now = next) };
}

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
