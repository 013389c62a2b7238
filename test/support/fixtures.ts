/** The test fixtures (test/fixtures, provenance in its README), the original-AIME database maker and hand-made databases. */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
export const DISCOGS_FIXTURE = fileURLToPath(new URL('../fixtures/discogs-collection-316.csv', import.meta.url));
export const MAKE_AIME_DB = fileURLToPath(new URL('../fixtures/make_aime_db.py', import.meta.url));

/** Writes an original-AIME `musique.db` of `albums` albums at `file` (python3 make_aime_db.py). */
export function makeAimeDb(file: string, albums: number, seed = 7): string {
  execFileSync('python3', [MAKE_AIME_DB, file, String(albums), String(seed)], { stdio: 'pipe' });
  return file;
}

/** The original AIME's own tables (musique.db), without data: a test adds its rows after them. */
export const AIME_TABLES = `
  CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT, year, support TEXT, source TEXT, discogs_id TEXT,
    discogs_url TEXT, spotify_url TEXT, genre TEXT, image_url TEXT, created_at TEXT);
  CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE album_artist (album_id INTEGER, artist_id INTEGER, PRIMARY KEY (album_id, artist_id));
  CREATE TABLE tracks (id INTEGER PRIMARY KEY, album_id INTEGER, title TEXT, track_number, duration_seconds);
`;

/** Runs `sql` on the SQLite file at `file` (created when missing) and closes it: a hand-made database, or an edit of one. */
export function sqliteFile(file: string, sql: string): string {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return file;
}
