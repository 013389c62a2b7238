/**
 * What every importer hands to the album writer: one album as read from its source, already
 * validated, plus the label that names its row in the summary notes.
 */
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';

export interface IncomingTrack {
  position: number | null;
  title: string;
  duration_seconds: number | null;
}

export interface IncomingAlbum {
  /** Names the row in notes and errors: "line 14", "album id 12", "albums[3]". */
  label: string;
  /** Kept as the album's id when that id is still free (so a JSON round trip keeps ids). */
  id?: number;
  title: string;
  year: number | null;
  support: string | null;
  source: string | null;
  /** Credits in order; empty for an album without artist. */
  artists: string[];
  // `undefined` below means "this source does not know": an update keeps what is stored.
  discogs_id?: string | null;
  discogs_url?: string | null;
  spotify_url?: string | null;
  genre?: string | null;
  image_url?: string | null;
  created_at?: string | null;
  tracks?: IncomingTrack[];
  /**
   * For a linked source's sync: the album's id at the source (Discogs release id, AIME album id,
   * CSV release_id, JSON id), and Discogs' instance id of the copy.
   */
  external_id?: string;
  external_instance_id?: string | null;
}

/**
 * Lower-case, NFKC, single spaces: so "Moon  Safari" and "moon safari" are one album. The
 * lower-casing is Unicode's default one, which is what toLocaleLowerCase('en') gives (English
 * has no tailoring; the keys stored by earlier versions are the same) at half the cost.
 */
export function normalizeForKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The stable identity of an album across imports (albums.import_key): its Discogs release
 * when known (the same release from a CSV, an AIME database or a JSON export is one album),
 * else its normalized title, credits, year and support.
 */
export function importKey(album: Pick<IncomingAlbum, 'discogs_id' | 'title' | 'artists' | 'year' | 'support'>): string {
  const discogsId = album.discogs_id?.trim();
  if (discogsId) return `discogs:${discogsId}`;
  return `album:${JSON.stringify([
    normalizeForKey(album.title),
    album.artists.map(normalizeForKey),
    album.year,
    normalizeForKey(album.support ?? ''),
  ])}`;
}

/**
 * An error about the import file: names the file (base name) and where in it, exactly, in
 * English; the translated text says only that the file could not be read (the log has where).
 */
export function badInput(file: string, where: string | null, message: string): AimeError {
  const name = path.basename(file);
  return new AimeError(
    'invalid_input',
    where ? `${name} ${where}: ${message}` : `${name}: ${message}`,
    { file },
    msg('error.file_unreadable', { file: name }),
  );
}

/** A year as stored: a positive integer, or null for unknown (Discogs writes 0). */
export function yearOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value < 10000 ? value : null;
  if (typeof value === 'string') {
    const match = /^\s*(\d{4})/.exec(value);
    if (!match) return null;
    const year = Number(match[1]);
    return year > 0 ? year : null;
  }
  return null;
}

/** Empty or blank text is "unknown". */
export function textOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.trim() === '' ? null : text;
}
