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

/** One credit as read: the artist (null for albums without any) and the album's line fields. */
type CreditRow = [artistId: number | null, id: number, title: string, year: number | null, support: string | null];

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

export function albumLine([, , title, year, support]: CreditRow): string {
  let line = `- **${escapeMarkdownInline(title)}**`;
  if (year !== null) line += ` (${year})`;
  if (support !== null && support !== '') line += ` [${escapeMarkdownInline(support)}]`;
  return line;
}

/**
 * The credited artists' ids in reading order: locale-aware, case- and accent-insensitive
 * (then case/accent, then the full name, then id, so the order is stable), and their
 * display names. Only ids and names are held: parallel arrays, no object per artist.
 */
export function artistsInReadingOrder(reader: Db, locale: string): { ids: number[]; shown: Map<number, string> } {
  const ids: number[] = [];
  const names: string[] = [];
  const credited: boolean[] = [];
  for (const [id, name, hasAlbums] of reader.prepare(ARTISTS).raw().iterate() as IterableIterator<[number, string, number]>) {
    ids.push(id);
    names.push(name);
    credited.push(hasAlbums === 1);
  }
  const shownNames = displayNames(names);
  const order: number[] = [];
  for (let i = 0; i < ids.length; i++) if (credited[i]) order.push(i);
  const base = new Intl.Collator(locale, { sensitivity: 'base' });
  const variant = new Intl.Collator(locale, { sensitivity: 'variant' });
  order.sort((a, b) => {
    const sa = shownNames[a]!;
    const sb = shownNames[b]!;
    const na = names[a]!;
    const nb = names[b]!;
    return base.compare(sa, sb) || variant.compare(sa, sb) || (na < nb ? -1 : na > nb ? 1 : 0) || ids[a]! - ids[b]!;
  });
  return { ids: order.map((i) => ids[i]!), shown: new Map(order.map((i) => [ids[i]!, shownNames[i]!])) };
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

  const artists = artistsInReadingOrder(reader, options.locale);

  const titles = new Intl.Collator(options.locale, { sensitivity: 'variant' });
  const byYearThenTitle = (a: CreditRow, b: CreditRow) =>
    a[3] === b[3]
      ? titles.compare(a[2], b[2]) || a[1] - b[1]
      : a[3] === null
        ? 1
        : b[3] === null
          ? -1
          : b[3] - a[3];
  const writeLines = async (albums: CreditRow[]) => {
    for (let i = 0; i < albums.length; i++) {
      // An artist credited twice on one album lists it once (the copies sort next to each other).
      if (i > 0 && albums[i]![1] === albums[i - 1]![1]) continue;
      if (!out.push(`${albumLine(albums[i]!)}\n`)) {
        options.signal?.throwIfAborted();
        await out.drain();
      }
    }
  };
  const writeSection = async (heading: string, albums: CreditRow[]) => {
    out.push(`\n## 🎤 ${escapeMarkdownInline(heading)}\n\n`);
    if (albums.length > 1) albums.sort(byYearThenTitle);
    await writeLines(albums);
  };

  // One artist's albums at a time: buffered only to sort them (year, then title).
  let current: number | null = null;
  let albums: CreditRow[] = [];
  const credits = reader.prepare(CREDITS_IN_ORDER).raw();
  for (const row of credits.iterate(JSON.stringify(artists.ids)) as IterableIterator<CreditRow>) {
    if (row[0] !== current) {
      if (current !== null) await writeSection(artists.shown.get(current)!, albums);
      current = row[0];
      albums = [];
    }
    albums.push(row);
  }
  if (current !== null) await writeSection(artists.shown.get(current)!, albums);

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
function* groupsOfOneYear(rows: Iterable<CreditRow>): Generator<CreditRow[]> {
  let group: CreditRow[] = [];
  for (const row of rows) {
    if (group.length > 0 && group[0]![3] !== row[3]) {
      yield group;
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) yield group;
}
