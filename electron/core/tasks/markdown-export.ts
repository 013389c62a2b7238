/**
 * The Markdown export (DESIGN.md §2): albums grouped by artist. What is read, and how fast,
 * is markdown-source.ts; here each artist's albums are sorted and written in turn, so memory
 * does not grow with the rendered text.
 */
import type { Db } from '../collection/database.js';
import type { ChunkWriter } from '../output/chunk-writer.js';
import { frenchDateTime } from '../time-format.js';
import { escapeMarkdownInline } from './markdown-escape.js';
import { boundHeapGrowth } from './heap-bound.js';
import type { CreditRow, MarkdownSource } from './markdown-source.js';
import { blobAsText } from './sql-text.js';

export const UNKNOWN_ARTIST = 'Artiste inconnu';

// Newest first, unknown years last; ties are ordered by title with the collator below.
const ALBUMS_WITHOUT_ARTIST = `SELECT NULL, al.id, ${blobAsText('al.title')}, ${blobAsText('al.year')}, ${blobAsText('al.support')} FROM albums al
  WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = al.id)
  ORDER BY al.year IS NULL, al.year DESC`;

export function albumLine([, , title, year, support]: CreditRow): string {
  let line = `- **${escapeMarkdownInline(title)}**`;
  if (year !== null) line += ` (${year})`;
  if (support !== null && support !== '') line += ` [${escapeMarkdownInline(support)}]`;
  return line;
}

export interface MarkdownExportOptions {
  now: Date;
  locale: string;
  signal?: AbortSignal;
}

/**
 * Streams the export of `source` (read from `reader`, a snapshot) into `out`; returns the
 * number of albums.
 */
export async function writeMarkdownExport(
  reader: Db,
  source: MarkdownSource,
  out: ChunkWriter,
  options: MarkdownExportOptions,
): Promise<number> {
  const { total } = source;
  out.push(`# 📚 Collection Complète\n\nExporté: ${frenchDateTime(options.now)}\nTotal albums: ${total}\n`);

  const titles = new Intl.Collator(options.locale, { sensitivity: 'variant' });
  const byYearThenTitle = (a: CreditRow, b: CreditRow) =>
    a[3] === b[3]
      ? titles.compare(a[2], b[2]) || a[1] - b[1]
      : a[3] === null
        ? 1
        : b[3] === null
          ? -1
          : b[3] - a[3];
  // Text is pushed a chunk of artists (or a year of albums without artist) at a time: one
  // string of a few dozen kilobytes costs far less to encode than each line on its own.
  const collectGarbage = boundHeapGrowth();
  const write = async (text: string) => {
    if (!out.push(text)) {
      options.signal?.throwIfAborted();
      await out.drain();
      collectGarbage();
    }
  };
  const linesOf = (albums: CreditRow[]) => {
    let text = '';
    for (let i = 0; i < albums.length; i++) {
      // An artist credited twice on one album lists it once (the copies sort next to each other).
      if (i > 0 && albums[i]![1] === albums[i - 1]![1]) continue;
      text += `${albumLine(albums[i]!)}\n`;
    }
    return text;
  };
  const sectionOf = (heading: string, albums: CreditRow[]) => {
    if (albums.length > 1) albums.sort(byYearThenTitle);
    return `\n## 🎤 ${escapeMarkdownInline(heading)}\n\n${linesOf(albums)}`;
  };

  // A chunk's credits come artist by artist in the chunk's order (an artist without any is
  // absent): each artist's albums are gathered only to sort them (year, then title).
  for await (const chunk of source.chunks()) {
    const { ids, shown, credits } = chunk;
    let text = '';
    let artist = 0;
    for (let start = 0; start < credits.length; ) {
      const id = credits[start]![0];
      while (artist < ids.length && ids[artist] !== id) artist++;
      if (artist === ids.length) throw new Error(`Markdown export: artist ${id} read out of order`);
      let end = start + 1;
      while (end < credits.length && credits[end]![0] === id) end++;
      text += sectionOf(shown[artist]!, credits.slice(start, end));
      start = end;
    }
    await write(text);
  }

  // Albums without any credit, by year then title; only one year's albums are held at a time.
  if (!(await source.mayHaveUncredited())) return total;
  let heading = `\n## 🎤 ${UNKNOWN_ARTIST}\n\n`;
  for (const group of groupsOfOneYear(reader.prepare(ALBUMS_WITHOUT_ARTIST).raw().iterate() as IterableIterator<CreditRow>)) {
    await write(heading + linesOf(group.sort(byYearThenTitle)));
    heading = '';
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
