/**
 * Writes incoming albums into the collection, inside the caller's transaction: a new
 * import key is added, a known one is updated when the source says something different,
 * and skipped (with a note) when nothing changed. Keeps per-import caches only, so a rolled
 * back import leaves nothing behind, not even in memory.
 */
import { albumName, english, msg, type MessageRef } from '../../../shared/messages/index.js';
import type { Db } from './database.js';
import { importKey, type IncomingAlbum, type IncomingTrack } from './incoming.js';

export const NOTES_CAP = 50;
/**
 * Artist ids remembered per import. Bounded: a 1M-row Discogs CSV has ~400k distinct credit
 * texts, and a map of them all would be ~40 MB; past the cap a name costs one indexed lookup.
 */
const ARTIST_CACHE_MAX = 20_000;

/** Summary notes as codes plus parameters, capped: the first NOTES_CAP are kept, the rest only counted. */
export class NoteList {
  readonly texts: MessageRef[] = [];
  more = 0;
  add(note: MessageRef): void {
    if (this.texts.length < NOTES_CAP) this.texts.push(note);
    else this.more++;
  }
  /** The notes in English (the API's `notes`, the log). */
  get lines(): string[] {
    return this.texts.map(english);
  }
}

export interface WriteCounts {
  added: number;
  updated: number;
  skipped: number;
}

interface StoredAlbum {
  id: number;
  title: string;
  year: number | null;
  support: string | null;
  source: string | null;
  discogs_id: string | null;
  discogs_url: string | null;
  spotify_url: string | null;
  genre: string | null;
  image_url: string | null;
  external_instance_id: string | null;
}

const OPTIONAL_FIELDS = ['discogs_id', 'discogs_url', 'spotify_url', 'genre', 'image_url'] as const;

export interface AlbumWriter {
  write(album: IncomingAlbum): void;
  /** Call once after the last write (removes artists no album credits any more). */
  finish(): WriteCounts;
  /** Whether this writer added, updated or found unchanged the album with this id (a sync keeps these). */
  wrote(id: number): boolean;
}

export interface AlbumWriterOptions {
  now: string;
  notes: NoteList;
  /** Albums created earlier in this import by a set-based pass (see ImportSource.bulk). */
  createdThisImport?: (albumId: number) => boolean;
  /**
   * A linked source's sync: albums are matched by (source, external_id) instead of import_key,
   * so only this source's albums are ever found, updated or counted; unchanged ones get no note.
   */
  sourceId?: number;
}

export function createAlbumWriter(db: Db, options: AlbumWriterOptions): AlbumWriter {
  const { notes } = options;
  const counts: WriteCounts = { added: 0, updated: 0, skipped: 0 };
  const artistIds = new Map<string, number>();
  /**
   * Albums this import already wrote or compared: a second row with the same key is a
   * duplicate inside the file, skipped, or two rows would overwrite each other on every import.
   * An album added with a new id is above `lastIdBefore` and needs no entry: at 1M new albums
   * the set would hold a million ids.
   */
  const seenHere = new Set<number>();
  const lastIdBefore = (db.prepare('SELECT max(id) FROM albums').pluck().get() as number | null) ?? 0;
  const writtenHere = (id: number): boolean => id > lastIdBefore || seenHere.has(id);
  let creditsReplaced = false;

  const { sourceId } = options;
  const byImportKey = db.prepare<[string], { id: number }>('SELECT id FROM albums WHERE import_key = ?');
  const bySource = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM albums WHERE source_id = ? AND external_id = ?',
  );
  const byKey = {
    get: (key: string) => (sourceId === undefined ? byImportKey.get(key) : bySource.get(sourceId, key)),
  };
  const idTaken = db.prepare<[number], { id: number }>('SELECT id FROM albums WHERE id = ?');
  // Positional parameters: measurably cheaper than named ones over 100k+ rows.
  const insertAlbum = db.prepare<
    [number | null, string, number | null, string | null, string | null, ...Array<string | null>, string, string | null,
      number | null, string | null, string | null]
  >(
    `INSERT INTO albums (id, title, year, support, source, discogs_id, discogs_url, spotify_url, genre,
       image_url, created_at, import_key, source_id, external_id, external_instance_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findArtist = db.prepare<[string], { id: number }>('SELECT id FROM artists WHERE name = ?');
  const insertArtist = db.prepare<[string]>('INSERT INTO artists (name) VALUES (?)');
  const insertCredit = db.prepare<[number, number, number]>(
    'INSERT INTO album_artists (album_id, position, artist_id) VALUES (?, ?, ?)',
  );
  const insertTrack = db.prepare<[number, number | null, string, number | null]>(
    'INSERT INTO tracks (album_id, position, title, duration_seconds) VALUES (?, ?, ?, ?)',
  );
  const storedAlbum = db.prepare<[number], StoredAlbum>(
    `SELECT id, title, year, support, source, discogs_id, discogs_url, spotify_url, genre, image_url,
       external_instance_id
     FROM albums WHERE id = ?`,
  );
  const storedCredits = db
    .prepare<[number], string>(
      `SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id
       WHERE aa.album_id = ? ORDER BY aa.position`,
    )
    .pluck();
  const storedTracks = db.prepare<[number], IncomingTrack>(
    'SELECT position, title, duration_seconds FROM tracks WHERE album_id = ? ORDER BY position, id',
  );
  const deleteCredits = db.prepare<[number]>('DELETE FROM album_artists WHERE album_id = ?');
  const deleteTracks = db.prepare<[number]>('DELETE FROM tracks WHERE album_id = ?');

  function artistId(name: string): number {
    const cached = artistIds.get(name);
    if (cached !== undefined) return cached;
    const id = findArtist.get(name)?.id ?? Number(insertArtist.run(name).lastInsertRowid);
    if (artistIds.size >= ARTIST_CACHE_MAX) artistIds.clear();
    artistIds.set(name, id);
    return id;
  }

  function writeCredits(albumId: number, artists: readonly string[]): void {
    artists.forEach((name, position) => insertCredit.run(albumId, position, artistId(name)));
  }

  function writeTracks(albumId: number, tracks: readonly IncomingTrack[]): void {
    for (const track of tracks) insertTrack.run(albumId, track.position, track.title, track.duration_seconds);
  }

  function add(album: IncomingAlbum, key: string): void {
    // A source's id is its own numbering, not a place in this collection.
    const keepId =
      sourceId === undefined &&
      album.id !== undefined &&
      Number.isInteger(album.id) &&
      album.id > 0 &&
      idTaken.get(album.id) === undefined
        ? album.id
        : null;
    const albumId = Number(
      insertAlbum.run(
        keepId,
        album.title,
        album.year,
        album.support,
        album.source,
        album.discogs_id ?? null,
        album.discogs_url ?? null,
        album.spotify_url ?? null,
        album.genre ?? null,
        album.image_url ?? null,
        album.created_at ?? options.now,
        sourceId === undefined ? key : null,
        sourceId ?? null,
        sourceId === undefined ? null : key,
        album.external_instance_id ?? null,
      ).lastInsertRowid,
    );
    if (albumId <= lastIdBefore) seenHere.add(albumId);
    writeCredits(albumId, album.artists);
    if (album.tracks) writeTracks(albumId, album.tracks);
    counts.added++;
  }

  function update(album: IncomingAlbum, albumId: number): void {
    seenHere.add(albumId);
    const stored = storedAlbum.get(albumId)!;
    const changed: Array<Exclude<keyof StoredAlbum, 'id'> | 'artists' | 'tracks'> = [];
    const values: Partial<StoredAlbum> = {};
    const compare = <K extends Exclude<keyof StoredAlbum, 'id'>>(field: K, incoming: StoredAlbum[K] | undefined): void => {
      if (incoming === undefined || incoming === stored[field]) return;
      changed.push(field);
      values[field] = incoming;
    };
    compare('title', album.title);
    compare('year', album.year);
    compare('support', album.support);
    compare('source', album.source);
    for (const field of OPTIONAL_FIELDS) compare(field, album[field]);
    compare('external_instance_id', album.external_instance_id);

    const credits = storedCredits.all(albumId);
    const creditsDiffer = !sameList(credits, album.artists);
    if (creditsDiffer) changed.push('artists');
    const tracksDiffer = album.tracks !== undefined && !sameTracks(storedTracks.all(albumId), album.tracks);
    if (tracksDiffer) changed.push('tracks');

    const what = albumName(album);
    if (changed.length === 0) {
      counts.skipped++;
      if (sourceId === undefined) notes.add(msg('note.unchanged', { album: what }));
      return;
    }
    const fields = Object.keys(values);
    if (fields.length > 0) {
      db.prepare(`UPDATE albums SET ${fields.map((f) => `${f} = @${f}`).join(', ')} WHERE id = @id`).run({
        ...values,
        id: albumId,
      });
    }
    if (creditsDiffer) {
      deleteCredits.run(albumId);
      writeCredits(albumId, album.artists);
      creditsReplaced = true;
    }
    if (tracksDiffer) {
      deleteTracks.run(albumId);
      writeTracks(albumId, album.tracks!);
    }
    counts.updated++;
    notes.add(msg('note.updated', { album: what, fields: changed.map((field) => msg(`field.${field}`)) }));
  }

  return {
    // New albums are known by their id (after every id there was before), not kept in a set.
    wrote: writtenHere,
    write(album) {
      let key: string;
      if (sourceId === undefined) key = importKey(album);
      else if (album.external_id) key = album.external_id;
      else throw new Error(`${album.label}: an album from a linked source needs its id there (external_id)`);
      const existing = byKey.get(key);
      if (!existing) return add(album, key);
      if (writtenHere(existing.id) || options.createdThisImport?.(existing.id)) {
        counts.skipped++;
        notes.add(msg('note.twice_in_file', { album: albumName(album) }));
        return;
      }
      update(album, existing.id);
    },
    finish() {
      if (creditsReplaced) {
        db.prepare(
          'DELETE FROM artists WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = artists.id)',
        ).run();
      }
      return { ...counts };
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Track lists compared in position order (SQLite and the source may order ties differently). */
function sameTracks(stored: readonly IncomingTrack[], incoming: readonly IncomingTrack[]): boolean {
  if (stored.length !== incoming.length) return false;
  const line = (t: IncomingTrack): string => JSON.stringify([t.position, t.title, t.duration_seconds]);
  const a = stored.map(line).sort();
  const b = incoming.map(line).sort();
  return a.every((value, i) => value === b[i]);
}
