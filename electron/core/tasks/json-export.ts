/**
 * The JSON export (DESIGN.md §2), streamed album by album: the file is byte-for-byte what
 * `JSON.stringify(document, null, 2)` gives for the same data, without ever holding the document.
 *
 * Speed: the issue asks for ≤ 1.5× the time of the sqlite3 CLI writing the same shape in C.
 * Reading every album, credit and track into JavaScript rows costs more than that on its own,
 * so SQLite renders each album's pretty-printed block itself (json_quote escapes strings
 * exactly as JSON.stringify does: the tests compare both on every control character), using
 * the album_artists primary key and tracks_by_album for the per-album lookups; JavaScript
 * only receives one string per album and streams it to the file.
 */
import type { Db } from '../collection/database.js';
import type { ChunkWriter } from '../output/chunk-writer.js';
import { boundHeapGrowth } from './heap-bound.js';
import { blobAsText } from './sql-text.js';

/**
 * A JSON string (or null) for a TEXT column. Such a column holds only text, NULL or (hand
 * edited) a BLOB, never a number (TEXT affinity stores numbers as text), so a plain CAST reads
 * a BLOB as UTF-8 text exactly as blobAsText does, and costs a tenth of the export's time less
 * than its CASE.
 */
const text = (column: string) => `json_quote(CAST(${column} AS TEXT))`;
/** An INTEGER column: json_quote gives its digits or null (and valid JSON for any bad data). */
const integer = (column: string) => `json_quote(${blobAsText(column)})`;

/** A newline inside an SQL string literal: the literals below are the exact JSON text. */
const NL = '\n';

/**
 * Order inside an aggregate: `group_concat(x ORDER BY …)` copies every value into a temporary
 * B-tree to sort it, a fifth of the export's time. The rows are read in the wanted order
 * anyway (the album_artists primary key is (album_id, position); a page scans albums by
 * rowid), so they are fed in that order by a subquery that keeps its ORDER BY: LIMIT -1 (no
 * limit) stops SQLite from merging it into the aggregate, and an aggregate consumes such a
 * subquery in its order. The tests compare whole files, credits and album order included.
 */
const IN_ORDER = 'LIMIT -1';

const ARTISTS_ARRAY = `coalesce((
    SELECT '[' || group_concat(name, ',') || '${NL}      ]' FROM (
      SELECT '${NL}        ' || ${text('ar.name')} AS name
      FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = al.id
      ORDER BY aa.position ${IN_ORDER})), '[]')`;

const TRACK_OBJECT = `concat('${NL}        {${NL}          "position": ', ${integer('t.position')}, ',${NL}          "title": ', ${text('t.title')}, ',${NL}          "duration_seconds": ', ${integer('t.duration_seconds')}, '${NL}        }')`;

/**
 * Everything from "tracks_count" on comes from one aggregate over the album's tracks (one
 * index lookup instead of three): over zero tracks it still yields one row, count 0.
 */
const TRACKS_AND_TAIL = `(SELECT concat(
    count(t.id),
    ',${NL}      "discogs_id": ', ${text('al.discogs_id')},
    ',${NL}      "discogs_url": ', ${text('al.discogs_url')},
    ',${NL}      "genre": ', ${text('al.genre')},
    ',${NL}      "image_url": ', ${text('al.image_url')},
    ',${NL}      "created_at": ', ${text('al.created_at')},
    ',${NL}      "tracks": ',
    coalesce('[' || group_concat(${TRACK_OBJECT}, ',' ORDER BY t.position IS NULL, t.position, t.id) || '${NL}      ]', '[]'))
  FROM tracks t WHERE t.album_id = al.id)`;

/**
 * One album as JSON.stringify(album, null, 2) would print it at depth 2 (keys in the seed's
 * order). al.id is the rowid, always an integer, so it needs no guard.
 */
const ALBUM_BLOCK = `concat('    {${NL}      "id": ', al.id,
  ',${NL}      "title": ', ${text('al.title')},
  ',${NL}      "year": ', ${integer('al.year')},
  ',${NL}      "support": ', ${text('al.support')},
  ',${NL}      "source": ', ${text('al.source')},
  ',${NL}      "spotify_url": ', ${text('al.spotify_url')},
  ',${NL}      "artists": ', ${ARTISTS_ARRAY},
  ',${NL}      "tracks_count": ', ${TRACKS_AND_TAIL},
  '${NL}    }')`;

export const PAGE_SIZE = 512;
const MiB = 1024 * 1024;

const pageOf = (where: string, limit: number | null) =>
  `SELECT CAST(group_concat(block, ',${NL}') AS BLOB), max(id), count(*) FROM (
  SELECT al.id AS id, ${ALBUM_BLOCK} AS block FROM albums al WHERE ${where} ORDER BY al.id ${limit === null ? IN_ORDER : `LIMIT ${limit}`})`;

/**
 * The next page of albums after id `?`, already joined with ",\n" and as UTF-8 bytes: one
 * row per page keeps the per-row cost low, and bytes go to the file without being decoded
 * into JavaScript strings and encoded again. No statement stays open between pages.
 */
export const ALBUM_PAGE = pageOf('al.id > ?', PAGE_SIZE);
/** The albums with `? < id <= ?`: a page whose bounds were fixed in advance (see json-pages.ts). */
export const ALBUM_RANGE = pageOf('al.id > ? AND al.id <= ?', null);

/** A page row as the statements above give it. */
export type PageRow = [bytes: Buffer | null, maxId: number | null, count: number];

/** One rendered page: the albums' JSON blocks joined with ",\n", and how many albums. */
export interface AlbumPage {
  bytes: Buffer;
  count: number;
}

/** Pages of rendered albums in id order; `null` when there are no more. */
export interface AlbumPages {
  next(): Promise<AlbumPage | null>;
}

/** Every page rendered in turn on `reader`. */
export function sequentialPages(reader: Db): AlbumPages {
  const page = reader.prepare<[number], PageRow>(ALBUM_PAGE).raw();
  let lastId = Number.MIN_SAFE_INTEGER;
  return {
    async next() {
      const [bytes, maxId, count] = page.get(lastId) ?? [null, null, 0];
      if (bytes === null || maxId === null) return null;
      lastId = maxId;
      return { bytes, count };
    },
  };
}

/** Streams the export of `reader` (a snapshot) into `out`; returns the number of albums written. */
export async function writeJsonExport(
  reader: Db,
  out: ChunkWriter,
  exportDate: string,
  signal?: AbortSignal,
  pages: AlbumPages = sequentialPages(reader),
): Promise<number> {
  const total = reader.prepare('SELECT count(*) FROM albums').pluck().get() as number;
  out.push(`{\n  "export_date": ${JSON.stringify(exportDate)},\n  "total_albums": ${total},\n  "albums": [`);
  let written = 0;
  // A written page's bytes are garbage at once (the writer copies them), but V8 frees a
  // Buffer's memory only when a collection finds it dead, and little else here allocates in
  // the JavaScript heap to cause one: unchecked, 5-15 MB of dead pages add to the peak. A
  // scavenge every 8 MiB of pages frees them while they are still young. Measured as the bytes
  // of pages written so far, which is what the buffers' growth is: process.memoryUsage() reads
  // /proc at each call (15 µs each, ~30 ms of a 100k export). A full collection instead (as
  // the Markdown export needs) kept the same peak at 30-40 ms more per 100k albums.
  let pageBytes = 0;
  const dropWrittenPages = boundHeapGrowth({ floorBytes: 16 * MiB, stepBytes: 8 * MiB, used: () => pageBytes, kind: 'minor' });
  for (let page = await pages.next(); page !== null; page = await pages.next()) {
    out.push(written === 0 ? '\n' : ',\n');
    out.push(page.bytes);
    pageBytes += page.bytes.length;
    written += page.count;
    dropWrittenPages();
    if (!out.push('')) {
      signal?.throwIfAborted();
      await out.drain();
    }
  }
  out.push(written === 0 ? ']\n}' : '\n  ]\n}');
  return written;
}
