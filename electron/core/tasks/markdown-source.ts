/**
 * What the Markdown export reads: the credited artists in reading order, then their credits a
 * chunk of artists at a time. Only the artists' ids and shown names are held for the whole
 * export.
 *
 * Speed: handing 100k credits to JavaScript one row at a time costs most of the export (about
 * a microsecond per value). SQLite instead gives each chunk as one JSON array, which
 * JSON.parse reads far faster; and for a large collection a worker on the same snapshot
 * (snapshot-worker.ts) runs those queries while this thread sorts, formats and writes.
 */
import type { Db } from '../collection/database.js';
import type { Logger } from '../types.js';
import { displayNames } from './artist-names.js';
import { inOrder } from './in-order.js';
import { PARALLEL_FROM, rowsOf, shareSnapshot, type SnapshotWorker } from './snapshot-worker.js';
import { blobAsText } from './sql-text.js';

/** One credit as read: the artist (null for albums without any) and the album's line fields. */
export type CreditRow = [artistId: number | null, id: number, title: string, year: number | null, support: string | null];

/** The credited artists in reading order: ids[i] is shown as shown[i]. */
export interface ArtistOrder {
  ids: number[];
  shown: string[];
}

/** Some artists in reading order (a slice of ArtistOrder) and their credits, artist by artist. */
export interface ArtistChunk extends ArtistOrder {
  credits: CreditRow[];
}

/**
 * The artists after id `?` as one JSON array of [id, name, credited] (see the speed note
 * above), a page at a time so that the text parsed at once stays small.
 */
const ARTISTS_PAGE = `SELECT json_group_array(json_array(id, name, credited)) FROM (
  SELECT id, ${blobAsText('name')} AS name, EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = artists.id) AS credited
  FROM artists WHERE id > ? ORDER BY id LIMIT 10000)`;

/** Artists per chunk: about 5 credits each in a typical collection, so some 100 kB of JSON. */
const CHUNK_ARTISTS = 256;
/** Chunks the worker may read ahead of the writer. */
const AHEAD = 8;

/**
 * The credits of the artists given as a JSON array of ids, in that order, as one JSON array of
 * CreditRow. CROSS JOIN fixes the loop order (the array outermost, then the
 * album_artists_by_artist index, then the album by primary key), so rows come grouped by
 * artist in reading order without SQLite sorting anything.
 */
const CREDITS_OF = `SELECT json_group_array(json_array(aa.artist_id, al.id, ${blobAsText('al.title')}, ${blobAsText('al.year')}, ${blobAsText('al.support')}))
  FROM json_each(?) j CROSS JOIN album_artists aa CROSS JOIN albums al
  WHERE aa.artist_id = j.value AND al.id = aa.album_id`;

/** Finding no album without artists means reading them all: about 40 ms at 100k albums. */
const ANY_UNCREDITED = `SELECT EXISTS (SELECT 1 FROM albums al WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = al.id))`;

/** Every artist as read: parallel arrays, no object per artist. */
interface ArtistList {
  ids: number[];
  names: string[];
  credited: boolean[];
}

function readArtists(reader: Db): ArtistList {
  const list: ArtistList = { ids: [], names: [], credited: [] };
  const page = reader.prepare<[number], string>(ARTISTS_PAGE).pluck();
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const artists = JSON.parse(page.get(after)!) as Array<[number, string, number]>;
    if (artists.length === 0) return list;
    for (const [id, name, hasAlbums] of artists) {
      list.ids.push(id);
      list.names.push(name);
      list.credited.push(hasAlbums === 1);
    }
    after = list.ids[list.ids.length - 1]!;
  }
}

/**
 * The credited artists in reading order: locale-aware, case- and accent-insensitive (then
 * case/accent, then the full name, then id, so the order is stable), and their display names.
 */
function inReadingOrder({ ids, names, credited }: ArtistList, locale: string): ArtistOrder {
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
  return { ids: order.map((i) => ids[i]!), shown: order.map((i) => shownNames[i]!) };
}

export interface MarkdownSource {
  /** Albums in the snapshot. */
  total: number;
  artists: ArtistOrder;
  /**
   * Whether some album has no artist, when that is known cheaply: the worker finds out
   * meanwhile; on one core the section's own query does (true).
   */
  mayHaveUncredited(): Promise<boolean>;
  /** The artists in reading order with their credits, a chunk of artists at a time. */
  chunks(): AsyncGenerator<ArtistChunk>;
  /** Stops the worker, if any; safe to call twice. */
  close(): Promise<void>;
}

export interface MarkdownSourceOptions {
  locale: string;
  log: Logger;
  /** Fewer albums than this are read on one core. */
  parallelFrom?: number;
  /** Told of each chunk the worker reads (how the tests see that the worker took a share). */
  onWorkerChunk?: () => void;
}

/**
 * The source for `reader`, a read-only connection of `db` in a transaction not yet read from
 * (or `db` itself for an in-memory collection): with a worker on the same snapshot for a
 * large collection, on this thread alone otherwise.
 */
export function openMarkdownSource(db: Db, reader: Db, options: MarkdownSourceOptions): MarkdownSource {
  const { albums, worker, prepared } = shareSnapshot(db, reader, {
    task: 'Markdown export',
    log: options.log,
    parallelFrom: options.parallelFrom ?? PARALLEL_FROM,
    // The artists are read while the worker starts, and sorted once the write lock is let go
    // (sorting 250k names takes two seconds: too long to keep other writers waiting).
    meanwhile: () => readArtists(reader),
  });
  return sourceOf(reader, albums, inReadingOrder(prepared, options.locale), worker, options.onWorkerChunk);
}

function sourceOf(
  reader: Db,
  total: number,
  artists: ArtistOrder,
  worker: SnapshotWorker | null,
  onWorkerChunk: (() => void) | undefined,
): MarkdownSource {
  const rows = rowsOf(reader);
  // Asked first, so the worker answers while this thread starts writing. If it cannot, the
  // section's own query finds out.
  const uncredited = worker?.get(ANY_UNCREDITED, []).then(
    (row) => row![0] === 1,
    () => true,
  );
  const range = (k: number) => [k * CHUNK_ARTISTS, (k + 1) * CHUNK_ARTISTS] as const;
  const idsOf = (k: number) => [JSON.stringify(artists.ids.slice(...range(k)))];
  return {
    total,
    artists,
    mayHaveUncredited: async () => (uncredited ? uncredited : true),
    async *chunks() {
      // Each chunk waits as the JSON text SQLite made, and is parsed only in its turn: its
      // rows then die young instead of filling the old generation while they wait.
      const texts = inOrder<string>({
        count: Math.ceil(artists.ids.length / CHUNK_ARTISTS),
        here: (k) => rows(CREDITS_OF, idsOf(k))![0] as string,
        there: worker
          ? async (k) => {
              const row = await worker.get(CREDITS_OF, idsOf(k));
              onWorkerChunk?.();
              return row![0] as string;
            }
          : null,
        // This thread parses, sorts, formats and writes: it runs queries only when it would wait.
        onWorker: () => true,
        ahead: AHEAD,
      });
      let k = 0;
      for await (const text of texts) {
        const [from, to] = range(k++);
        yield { ids: artists.ids.slice(from, to), shown: artists.shown.slice(from, to), credits: JSON.parse(text) as CreditRow[] };
      }
    },
    close: async () => worker?.close(),
  };
}
