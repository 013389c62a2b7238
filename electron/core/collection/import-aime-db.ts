/**
 * The original AIME's SQLite database (`musique.db`: albums, artists, album_artist, tracks).
 * New albums go in set-based through an ATTACH of the source (aime-db-bulk.ts); the rows left
 * (already in the collection, duplicates) are streamed as incoming albums from a read-only
 * connection, so 1M albums never sit in memory either way.
 * Credits come in the source's rowid order: album_artist has no position column, and rowid
 * order is the order the original app inserted the credits in.
 */
import type Database from 'better-sqlite3';
import { msg } from '../../../shared/messages/index.js';
import fs from 'node:fs';
import { isoLocal } from '../time-format.js';
import type { Clock } from '../types.js';
import { attachSource, bulkInsertNewAlbums, canAttach, type SourceShape } from './aime-db-bulk.js';
import type { NoteList } from './album-writer.js';
import { openCompanion, type Db } from './database.js';
import type { ImportSource } from './import-source.js';
import { badInput, textOrNull, yearOrNull, type IncomingAlbum, type IncomingTrack } from './incoming.js';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Needed columns per table; other columns the AIME schema has are read when present. */
const REQUIRED: Record<string, readonly string[]> = {
  albums: ['id', 'title'],
  artists: ['id', 'name'],
  album_artist: ['album_id', 'artist_id'],
};
const OPTIONAL_ALBUM_COLUMNS = [
  'year',
  'support',
  'source',
  'discogs_id',
  'discogs_url',
  'spotify_url',
  'genre',
  'image_url',
  'created_at',
] as const;

/**
 * Refuses what is not a whole SQLite file before SQLite sees it (its own errors name no file).
 * Returns the 100-byte header.
 */
export function checkSqliteFile(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(100);
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < SQLITE_MAGIC.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw badInput(file, null, 'not an SQLite database');
  }
  if (size < 100) throw badInput(file, null, `truncated SQLite database (${size} bytes, less than its header)`);
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The page count in the header is trustworthy only when written by the same change (offset 92 = 24).
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pageCount > 0;
  if (countValid && size < pageSize * pageCount) {
    throw badInput(
      file,
      null,
      `truncated SQLite database (${size} bytes, its header announces ${pageSize * pageCount})`,
    );
  }
  return header;
}

export function readAimeDatabase(
  file: string,
  notes: NoteList,
  clock: Clock,
  db: Db,
): ImportSource {
  const header = checkSqliteFile(file);
  let source: Database.Database;
  try {
    source = openCompanion(db, file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw sqliteError(file, error);
  }
  let shape: SourceShape;
  try {
    shape = inspectSource(file, source);
  } catch (error) {
    source.close();
    throw sqliteError(file, error);
  }
  noteUncreditedArtists(source, notes);
  let detach: (() => void) | null = null;
  if (canAttach(file, header) && artistIdsAreRowids(source)) {
    try {
      detach = attachSource(db, file);
    } catch {
      detach = null; // e.g. locked: the streaming path reads it through its own connection
    }
  }
  const skipped = { count: 0 };
  /** Source ids still to stream; null = all of them. */
  let only: number[] | null = null;
  const utcToLocal = createTimestampConverter();
  return {
    bulk: detach
      ? ({ now }) => {
          try {
            const result = bulkInsertNewAlbums(db, shape, { now, notes, utcToLocal });
            only = result.leftover;
            skipped.count += result.skipped;
            return result;
          } catch (error) {
            throw sourceDamage(file, error);
          }
        }
      : undefined,
    albums: {
      [Symbol.iterator]: () => streamAlbums(file, source, shape, only, { notes, skipped }, clock, utcToLocal),
    },
    skipped: () => skipped.count,
    close: () => {
      try {
        detach?.();
      } finally {
        source.close();
      }
    },
  };
}

function sqliteError(file: string, error: unknown): Error {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) {
    if (error.code.startsWith('SQLITE_NOTADB')) return badInput(file, null, 'not an SQLite database');
    if (error.code.startsWith('SQLITE_CORRUPT')) return badInput(file, null, `damaged SQLite database (${error.message})`);
    return badInput(file, null, `cannot read the database (${error.message})`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** In the bulk pass only a damaged source is the file's fault; other errors are ours. */
function sourceDamage(file: string, error: unknown): Error {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return sqliteError(file, error);
  return error instanceof Error ? error : new Error(String(error));
}

function columnsOf(source: Database.Database, table: string): Set<string> | null {
  const rows = source.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
  return rows.length === 0 ? null : new Set(rows.map((row) => row.name));
}

/**
 * The collection keeps artists through their albums: an artist the source credits to no album
 * is not imported, and the summary says how many, rather than only "N added".
 */
function noteUncreditedArtists(source: Database.Database, notes: NoteList): void {
  let count = 0;
  try {
    count = source
      .prepare('SELECT count(*) FROM artists WHERE id NOT IN (SELECT artist_id FROM album_artist WHERE artist_id IS NOT NULL)')
      .pluck()
      .get() as number;
  } catch {
    return; // a damaged source fails with its own message when its albums are read
  }
  if (count > 0) notes.add(msg('note.uncredited_artists', { n: count }));
}

/**
 * The set-based pass keys its table of artists by their ids, so it applies when every id is
 * its row's rowid (AIME's `id INTEGER PRIMARY KEY`): unique integers. Other sources stream.
 */
function artistIdsAreRowids(source: Database.Database): boolean {
  try {
    return source.prepare('SELECT 1 FROM artists WHERE id IS NOT rowid LIMIT 1').get() === undefined;
  } catch {
    return false; // a WITHOUT ROWID table
  }
}

/** Validates the tables and columns this importer needs, and notes the optional ones. */
function inspectSource(file: string, source: Database.Database): SourceShape {
  const columns: Record<string, Set<string>> = {};
  for (const [table, needed] of Object.entries(REQUIRED)) {
    const found = columnsOf(source, table);
    if (!found) {
      throw badInput(file, null, `no table "${table}" (an AIME database has albums, artists, album_artist, tracks)`);
    }
    const missing = needed.find((column) => !found.has(column));
    if (missing) throw badInput(file, null, `table "${table}" has no column "${missing}"`);
    columns[table] = found;
  }
  const albumColumns = Object.fromEntries(
    OPTIONAL_ALBUM_COLUMNS.map((c) => [c, columns.albums!.has(c) ? c : 'NULL']),
  ) as SourceShape['albumColumns'];

  const hasRowid = (() => {
    try {
      source.prepare('SELECT rowid FROM album_artist LIMIT 0').all();
      return true;
    } catch {
      return false; // a WITHOUT ROWID table: fall back to the key order
    }
  })();

  // Older AIME databases may lack tracks (or its optional columns): then albums have none.
  const trackColumns = columnsOf(source, 'tracks');
  let tracks: SourceShape['tracks'] = null;
  if (trackColumns) {
    for (const needed of ['album_id', 'title']) {
      if (!trackColumns.has(needed)) throw badInput(file, null, `table "tracks" has no column "${needed}"`);
    }
    tracks = {
      position: trackColumns.has('track_number') ? 'track_number' : 'NULL',
      duration: trackColumns.has('duration_seconds') ? 'duration_seconds' : 'NULL',
    };
  }
  return { albumColumns, creditOrder: hasRowid ? 'rowid' : 'artist_id', tracks };
}

/** Three scans in album order, merged in JS: much cheaper than a correlated subquery per album. */
function streamQueries(shape: SourceShape, filtered: boolean): { albums: string; credits: string; tracks: string | null } {
  const quoted = (column: string): string => (column === 'NULL' ? 'NULL' : `"${column}"`);
  const only = (column: string): string => (filtered ? `WHERE ${column} IN (SELECT value FROM json_each(@only))` : '');
  const optional = OPTIONAL_ALBUM_COLUMNS.map((c) => quoted(shape.albumColumns[c]));
  let tracks: string | null = null;
  if (shape.tracks) {
    const position = quoted(shape.tracks.position);
    tracks = `SELECT album_id, ${position}, title, ${quoted(shape.tracks.duration)} FROM tracks ${only('album_id')}
      ORDER BY album_id, ${position} IS NULL, ${position}, rowid`;
  }
  return {
    albums: `SELECT id, title, ${optional.join(', ')} FROM albums ${only('id')} ORDER BY id`,
    credits: `SELECT aa.album_id, ar.name FROM album_artist aa JOIN artists ar ON ar.id = aa.artist_id
      ${only('aa.album_id')} ORDER BY aa.album_id, aa.${shape.creditOrder}`,
    tracks,
  };
}

type AlbumRow = [number, ...unknown[]];
type ChildRow = [number, ...unknown[]];

/** Rows of an album-ordered scan that belong to one album, consumed in step with the albums. */
class ChildCursor {
  private pending: ChildRow | undefined;
  private done = false;
  constructor(private readonly rows: IterableIterator<ChildRow> | null) {
    if (!rows) this.done = true;
  }
  /** Ends the underlying statement, so the connection can close even after an error. */
  close(): void {
    this.done = true;
    this.rows?.return?.();
  }
  take(albumId: number): ChildRow[] {
    const out: ChildRow[] = [];
    while (!this.done) {
      if (!this.pending) {
        const next = this.rows!.next();
        if (next.done) {
          this.done = true;
          break;
        }
        this.pending = next.value;
      }
      const rowAlbum = this.pending[0];
      if (rowAlbum > albumId) break;
      // rows of an album that does not exist (rowAlbum < albumId) are dropped
      if (rowAlbum === albumId) out.push(this.pending);
      this.pending = undefined;
    }
    return out;
  }
}

function* streamAlbums(
  file: string,
  source: Database.Database,
  shape: SourceShape,
  only: number[] | null,
  report: { notes: NoteList; skipped: { count: number } },
  clock: Clock,
  utcTimestampToLocal: (value: unknown) => string | null,
): Generator<IncomingAlbum> {
  if (only !== null && only.length === 0) return;
  const now = isoLocal(clock.now());
  const queries = streamQueries(shape, only !== null);
  const params = only !== null ? [{ only: JSON.stringify(only) }] : [];
  let albums: IterableIterator<AlbumRow>;
  let credits: ChildCursor;
  let tracks: ChildCursor;
  try {
    const scan = (sql: string) => source.prepare(sql).raw().iterate(...params) as IterableIterator<ChildRow>;
    albums = scan(queries.albums) as IterableIterator<AlbumRow>;
    credits = new ChildCursor(scan(queries.credits));
    tracks = new ChildCursor(queries.tracks ? scan(queries.tracks) : null);
  } catch (error) {
    throw sqliteError(file, error);
  }
  try {
    while (true) {
      let next: IteratorResult<AlbumRow>;
      let albumCredits: ChildRow[];
      let albumTracks: ChildRow[];
      try {
        next = albums.next();
        if (next.done) return;
        albumCredits = credits.take(next.value[0]);
        albumTracks = tracks.take(next.value[0]);
      } catch (error) {
        throw sqliteError(file, error);
      }
      const [id, rawTitle, year, support, sourceName, discogsId, discogsUrl, spotifyUrl, genre, imageUrl, createdAt] =
        next.value;
      const label = `album id ${id}`;
      const title = textOrNull(rawTitle);
      if (title === null) {
        report.skipped.count++;
        report.notes.add(msg('note.untitled_album', { id: String(id) }));
        continue;
      }
      const artists: string[] = [];
      for (const credit of albumCredits) {
        const name = textOrNull(credit[1])?.trim();
        if (name) artists.push(name);
      }
      yield {
        label,
        id,
        title,
        year: yearOrNull(year),
        support: textOrNull(support),
        source: textOrNull(sourceName),
        artists,
        discogs_id: textOrNull(discogsId)?.trim() ?? null,
        discogs_url: textOrNull(discogsUrl),
        spotify_url: textOrNull(spotifyUrl),
        genre: textOrNull(genre),
        image_url: textOrNull(imageUrl),
        created_at: utcTimestampToLocal(createdAt) ?? now,
        tracks: albumTracks.map(
          ([, position, trackTitle, duration]): IncomingTrack => ({
            position: typeof position === 'number' ? position : null,
            title: String(trackTitle ?? ''),
            duration_seconds: typeof duration === 'number' ? Math.round(duration) : null,
          }),
        ),
      };
    }
  } finally {
    // Also reached when the writer fails or stops early: no statement may stay open.
    credits.close();
    tracks.close();
    albums.return?.();
  }
}

/**
 * AIME wrote created_at with SQLite's CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS" in UTC.
 * Albums added in one batch share the value, so the last conversion is remembered.
 */
function createTimestampConverter(): (value: unknown) => string | null {
  let last: { raw: unknown; local: string | null } = { raw: undefined, local: null };
  return (value) => {
    if (value === last.raw) return last.local;
    let local: string | null = null;
    if (typeof value === 'string') {
      const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
      const date = match ? new Date(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`) : null;
      local = date && !Number.isNaN(date.getTime()) ? isoLocal(date) : null;
    }
    last = { raw: value, local };
    return local;
  };
}
