/**
 * The JSON export's pages rendered on two cores (see snapshot-worker.ts): this thread renders
 * the pages it can while the worker starts, then the pages go to the worker, and this thread
 * writes them in order, rendering the next ones itself whenever it would wait (in-order.ts).
 */
import type { Db } from '../collection/database.js';
import type { Logger } from '../types.js';
import { inOrder } from './in-order.js';
import { ALBUM_RANGE, PAGE_SIZE, sequentialPages, type AlbumPages, type PageRow } from './json-export.js';
import { PARALLEL_FROM, rowsOf, shareSnapshot } from './snapshot-worker.js';

/** Pages the worker may render ahead of the writer: bounds the memory held in messages. */
const AHEAD = 8;
/** At most this many pages (about 350 kB each) are rendered before the worker is ready. */
const MAX_EARLY = 24;

export interface ClosablePages extends AlbumPages {
  /** Whether a worker renders part of the pages. */
  readonly parallel: boolean;
  /** Stops the worker (if any); safe to call twice. */
  close(): Promise<void>;
}

export interface PageOptions {
  /** Fewer albums than this are rendered on one core. */
  parallelFrom?: number;
  /** At most this many pages are rendered here while the worker starts. */
  maxEarly?: number;
  /** Told of each page the worker renders (how the tests see that the worker took a share). */
  onWorkerPage?: () => void;
}

/** Pages for `reader`, a read-only connection of `db` in a transaction not yet read from. */
export function openAlbumPages(db: Db, reader: Db, log: Logger, options: PageOptions = {}): ClosablePages {
  const { parallelFrom = PARALLEL_FROM, maxEarly = MAX_EARLY, onWorkerPage } = options;
  const rows = rowsOf(reader);
  const range = (bounds: number[], k: number) => [bounds[k]!, k + 1 < bounds.length ? bounds[k + 1]! : Number.MAX_SAFE_INTEGER];
  const renderHere = (bounds: number[], k: number) => rows(ALBUM_RANGE, range(bounds, k)) as PageRow;
  const { worker, prepared } = shareSnapshot(db, reader, {
    task: 'JSON export',
    log,
    parallelFrom,
    meanwhile(albums, starting) {
      const bounds = starting ? pageBounds(reader, albums) : null;
      // The first pages are this thread's, rendered while the worker starts (instead of
      // waiting for it): the worker's late start is not added to the export's time.
      const early: PageRow[] = [];
      while (bounds && early.length < Math.min(bounds.length, maxEarly) && !starting!.settled()) {
        early.push(renderHere(bounds, early.length));
      }
      return { bounds, early };
    },
  });
  const { bounds, early } = prepared;
  if (!worker || !bounds) {
    return { ...sequentialPages(reader), parallel: false, close: async () => worker?.close() };
  }
  const earlyCount = early.length;
  const pages = inOrder<PageRow>({
    count: bounds.length,
    // Jobs run in order, so the early pages are taken first (and let go once written).
    here: (k) => (k < earlyCount ? early.shift()! : renderHere(bounds, k)),
    there: async (k) => {
      const page = (await worker.get(ALBUM_RANGE, range(bounds, k))) as PageRow;
      onWorkerPage?.();
      return page;
    },
    onWorker: (k) => k >= earlyCount,
    ahead: AHEAD,
  });
  return {
    parallel: true,
    async next() {
      // A page can be empty (a gap in the ids, or a collection of a whole number of pages): skipped.
      for (let page = await pages.next(); !page.done; page = await pages.next()) {
        const [bytes, , count] = page.value;
        if (bytes && count > 0) return { bytes, count };
      }
      return null;
    },
    close: () => worker.close(),
  };
}

/**
 * Page k holds the albums with bounds[k] < id <= bounds[k + 1] (the last page: no upper
 * bound). null when ids do not fit JavaScript numbers (then pages are read one after the other).
 */
export function pageBounds(reader: Db, albums: number): number[] | null {
  const [minId, maxId] = reader.prepare('SELECT min(id), max(id) FROM albums').raw().get() as [number | null, number | null];
  if (minId === null || maxId === null || minId <= Number.MIN_SAFE_INTEGER || maxId > Number.MAX_SAFE_INTEGER) return null;
  const bounds = [Number.MIN_SAFE_INTEGER];
  if (maxId - minId < 2 * albums) {
    // Ids are usually dense: ranges of PAGE_SIZE ids, at least half full, found without a scan.
    for (let end = minId - 1 + PAGE_SIZE; end < maxId; end += PAGE_SIZE) bounds.push(end);
    return bounds;
  }
  const ends = reader
    .prepare(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM albums) WHERE n % ${PAGE_SIZE} = 0`)
    .pluck()
    .all() as number[];
  return bounds.concat(ends);
}
