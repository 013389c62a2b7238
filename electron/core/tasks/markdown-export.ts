/**
 * The Markdown export (DESIGN.md §2): albums grouped by artist. Only artist ids and sort keys
 * are held in memory; each artist's albums are read and written in turn, so memory does not
 * grow with the rendered text.
 */
import type { Db } from '../collection/database.js';
import type { ChunkWriter } from '../output/chunk-writer.js';
import { frenchDateTime } from '../time-format.js';
import { displayNames } from './artist-names.js';
import { escapeMarkdownInline } from './markdown-escape.js';

type AlbumLine = [id: number, title: string, year: number | null, support: string | null];
type CreditRow = [artistId: number | null, ...AlbumLine];

export const UNKNOWN_ARTIST = 'Artiste inconnu';

const ARTISTS = `SELECT id, name, EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = artists.id) AS credited
  FROM artists`;
/**
 * Every credit, artist by artist in the order given as a JSON array of ids: one statement
 * instead of one per artist. CROSS JOIN fixes the loop order (the array outermost, then the
 * album_artists_by_artist index, then the album by primary key), so rows come grouped by
 * artist in reading order without SQLite sorting the whole collection.
 */
const CREDITS_IN_ORDER = `SELECT aa.artist_id, al.id, al.title, al.year, al.support
  FROM json_each(?) j CROSS JOIN album_artists aa CROSS JOIN albums al
  WHERE aa.artist_id = j.value AND al.id = aa.album_id`;
// Newest first, unknown years last; ties are ordered by title with the collator below.
const ALBUMS_WITHOUT_ARTIST = `SELECT NULL, al.id, al.title, al.year, al.support FROM albums al
  WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = al.id)
  ORDER BY al.year IS NULL, al.year DESC`;

export function albumLine([, title, year, support]: AlbumLine): string {
  let line = `- **${escapeMarkdownInline(title)}**`;
  if (year !== null) line += ` (${year})`;
  if (support !== null && support !== '') line += ` [${escapeMarkdownInline(support)}]`;
  return line;
}

/** Artists in reading order: locale-aware, case- and accent-insensitive, then stable tie-breaks. */
export function sortArtists<T extends { id: number; name: string; shown: string }>(artists: T[], locale: string): T[] {
  const base = new Intl.Collator(locale, { sensitivity: 'base' });
  const variant = new Intl.Collator(locale, { sensitivity: 'variant' });
  return artists.sort(
    (a, b) =>
      base.compare(a.shown, b.shown) ||
      variant.compare(a.shown, b.shown) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      a.id - b.id,
  );
}

export interface MarkdownExportOptions {
  now: Date;
  locale: string;
  signal?: AbortSignal;
}

/** Streams the export of `reader` (a snapshot) into `out`; returns the number of distinct albums. */
export async function writeMarkdownExport(reader: Db, out: ChunkWriter, options: MarkdownExportOptions): Promise<number> {
  const total = (reader.prepare('SELECT count(*) FROM albums').pluck().get() as number) ?? 0;
  out.push(`# 📚 Collection Complète\n\nExporté: ${frenchDateTime(options.now)}\nTotal albums: ${total}\n`);

  const all = reader.prepare(ARTISTS).raw().all() as Array<[number, string, number]>;
  const shownNames = displayNames(all.map((row) => row[1]));
  const credited = all
    .map(([id, name, hasAlbums], i) => ({ id, name, shown: shownNames[i]!, hasAlbums }))
    .filter((artist) => artist.hasAlbums === 1);
  sortArtists(credited, options.locale);

  const titles = new Intl.Collator(options.locale, { sensitivity: 'variant' });
  const byYearThenTitle = (a: AlbumLine, b: AlbumLine) =>
    a[2] === b[2]
      ? titles.compare(a[1], b[1]) || a[0] - b[0]
      : a[2] === null
        ? 1
        : b[2] === null
          ? -1
          : b[2] - a[2];
  const writeLines = async (albums: AlbumLine[]) => {
    for (const album of albums) {
      if (!out.push(`${albumLine(album)}\n`)) {
        options.signal?.throwIfAborted();
        await out.drain();
      }
    }
  };

  // One artist's albums at a time: buffered only to sort them (year, then title).
  const names = new Map(credited.map((artist) => [artist.id, artist.shown]));
  let current: number | null = null;
  let albums: AlbumLine[] = [];
  const flush = async () => {
    if (current === null) return;
    out.push(`\n## 🎤 ${escapeMarkdownInline(names.get(current)!)}\n\n`);
    if (albums.length > 1) albums.sort(byYearThenTitle);
    // An artist credited twice on one album lists it once (the copies sort next to each other).
    await writeLines(albums.filter((a, i) => i === 0 || a[0] !== albums[i - 1]![0]));
    albums = [];
  };
  const credits = reader.prepare(CREDITS_IN_ORDER).raw();
  for (const row of credits.iterate(JSON.stringify(credited.map((a) => a.id))) as IterableIterator<CreditRow>) {
    if (row[0] !== current) {
      await flush();
      current = row[0];
    }
    albums.push(row.slice(1) as AlbumLine);
  }
  await flush();

  // Albums without any credit, by year then title; only one year's albums are held at a time.
  let wroteHeading = false;
  for (const group of groupsOfOneYear(reader.prepare(ALBUMS_WITHOUT_ARTIST).raw().iterate() as IterableIterator<CreditRow>)) {
    if (!wroteHeading) out.push(`\n## 🎤 ${UNKNOWN_ARTIST}\n\n`);
    wroteHeading = true;
    await writeLines(group.sort(byYearThenTitle));
  }
  return total;
}

/** Rows arrive ordered by year; yields each run of one year so it can be sorted by title. */
function* groupsOfOneYear(rows: Iterable<CreditRow>): Generator<AlbumLine[]> {
  let group: AlbumLine[] = [];
  for (const [, ...album] of rows) {
    if (group.length > 0 && group[0]![2] !== album[2]) {
      yield group;
      group = [];
    }
    group.push(album);
  }
  if (group.length > 0) yield group;
}
