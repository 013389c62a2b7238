/**
 * The JSON export's pages rendered on two cores: this thread renders one page in MAIN_EVERY
 * and a worker thread the others, each on its own read-only connection, and the writer takes
 * them in order. This thread also writes the file, hence the smaller share. Rendering is most of an export's cost (SQLite builds each album's pretty-printed
 * block), so a large collection exports in about half the time.
 *
 * Both connections must read the same snapshot, or `total_albums` and the albums could
 * disagree with a concurrent import. In WAL mode a read transaction sees the last commit at its
 * first read; holding the write lock (BEGIN IMMEDIATE on a third connection) while both readers
 * start theirs means no commit can come between them. Whenever that cannot be arranged (a
 * writer holds the lock too long, the worker cannot start), the pages are rendered in turn on
 * this thread: slower, never wrong.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { nativeBindingOf, openCompanion, type Db } from '../collection/database.js';
import type { Logger } from '../types.js';
import { ALBUM_RANGE, PAGE_SIZE, sequentialPages, type AlbumPage, type AlbumPages } from './json-export.js';

/** Below this many albums a worker's start-up (~50 ms) costs more than it saves. */
export const PARALLEL_FROM = 20_000;
/** Pages the worker may render ahead of the writer: bounds the memory held in messages. */
const AHEAD = 8;
/** Page k is rendered by this thread when k % MAIN_EVERY === 0, by the worker otherwise. */
const MAIN_EVERY = 3;

/**
 * The worker, as source evaluated by Node (no file to locate in a bundle or an asar archive).
 * It starts its snapshot and says so through shared memory (state 1, or 2 on failure), then
 * renders its pages, waiting while it is more than AHEAD pages in front of the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, file, nativeBinding, sql, bounds, shared, ahead, mainEvery } = workerData;
const signals = new Int32Array(shared);
let db;
try {
  const Database = require(module);
  db = new Database(file, nativeBinding
    ? { readonly: true, fileMustExist: true, nativeBinding }
    : { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM albums').get();
  Atomics.store(signals, 1, 1);
} catch (error) {
  Atomics.store(signals, 1, 2);
  throw error;
} finally {
  Atomics.notify(signals, 1);
}
const page = db.prepare(sql).raw();
for (let k = 1; k < bounds.length; k++) {
  if (k % mainEvery === 0) continue;
  for (;;) {
    const consumed = Atomics.load(signals, 0);
    if (k - consumed <= ahead) break;
    Atomics.wait(signals, 0, consumed, 1000);
  }
  const high = k + 1 < bounds.length ? bounds[k + 1] : Number.MAX_SAFE_INTEGER;
  const [bytes, , count] = page.get(bounds[k], high);
  // Hand the page's memory over rather than copying it, when it is not a slice of a shared pool.
  const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  parentPort.postMessage({ k, bytes, count }, own ? [bytes.buffer] : []);
}
db.exec('COMMIT');
db.close();
`;

/** How long the writer lock may be waited for, and the worker's start: beyond, one core it is. */
const LOCK_WAIT_MS = 250;
const WORKER_START_MS = 5000;

export interface ClosablePages extends AlbumPages {
  /** Whether a worker renders part of the pages. */
  readonly parallel: boolean;
  /** Stops the worker (if any); safe to call twice. */
  close(): Promise<void>;
}

/**
 * Pages for `reader`, a read-only connection of `db` in a transaction not yet read from.
 * Starts `reader`'s snapshot in every case. Everything between taking and releasing the write
 * lock is synchronous (the worker's start is awaited with Atomics.wait), so no other work of
 * this process can try to write, and block, while the lock is held.
 */
export function openAlbumPages(db: Db, reader: Db, log: Logger, parallelFrom = PARALLEL_FROM): ClosablePages {
  const sequential = (): ClosablePages => ({ ...sequentialPages(reader), parallel: false, close: async () => undefined });
  if (reader === db) return sequential();
  let lock: Db | undefined;
  try {
    lock = openCompanion(db, db.name);
    lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    lock?.close();
    log.info(`JSON export on one core: the collection is being written (${(error as Error).message})`);
    return sequential();
  }
  try {
    // The reader's snapshot starts here, under the lock.
    const [count, maxId] = reader.prepare('SELECT count(*), max(id) FROM albums').raw().get() as [number, number | null];
    if (count < parallelFrom || maxId === null || maxId > Number.MAX_SAFE_INTEGER) return sequential();
    // Page k holds the albums with bounds[k] < id <= bounds[k + 1] (the last page: no upper bound).
    const ends = reader
      .prepare(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM albums) WHERE n % ${PAGE_SIZE} = 0`)
      .pluck()
      .all() as number[];
    const bounds = [Number.MIN_SAFE_INTEGER, ...ends];
    const started = startWorker(db, bounds);
    if (!started.ok) {
      log.warn(`JSON export on one core: the render worker did not start (${started.reason})`);
      return sequential();
    }
    return twoReaderPages(reader, bounds, started);
  } finally {
    lock.exec('ROLLBACK');
    lock.close();
  }
}

interface StartedWorker {
  ok: true;
  worker: Worker;
  /** [0]: pages the writer has consumed; [1]: the worker's state (0 starting, 1 ready, 2 failed). */
  signals: Int32Array;
  take(k: number): Promise<AlbumPage | null>;
}

function startWorker(db: Db, bounds: number[]): StartedWorker | { ok: false; reason: string } {
  const signals = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // It only holds one page at a time: a small heap keeps the export's peak memory low.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 },
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        nativeBinding: nativeBindingOf(db),
        file: db.name,
        sql: ALBUM_RANGE,
        bounds,
        shared: signals.buffer,
        ahead: AHEAD,
        mainEvery: MAIN_EVERY,
      },
    });
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  Atomics.wait(signals, 1, 0, WORKER_START_MS);
  const state = Atomics.load(signals, 1);
  if (state !== 1) {
    void worker.terminate();
    return { ok: false, reason: state === 2 ? 'it failed to open the collection' : 'it took too long' };
  }

  // Pages arrive in order; the writer asks for them in order too, with its own pages between.
  const arrived = new Map<number, AlbumPage | null>();
  const waiting = new Map<number, { resolve(page: AlbumPage | null): void; reject(error: Error): void }>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.values()) waiter.reject(failure);
    waiting.clear();
  };
  worker.on('message', (message: { k: number; bytes: Uint8Array | null; count: number }) => {
    const page =
      message.bytes && message.count > 0
        ? { bytes: Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), count: message.count }
        : null;
    const waiter = waiting.get(message.k);
    if (waiter) {
      waiting.delete(message.k);
      waiter.resolve(page);
    } else arrived.set(message.k, page);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the JSON render worker stopped (exit code ${code})`)));
  return {
    ok: true,
    worker,
    signals,
    take(k) {
      if (arrived.has(k)) {
        const page = arrived.get(k)!;
        arrived.delete(k);
        return Promise.resolve(page);
      }
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.set(k, { resolve, reject }));
    },
  };
}

function twoReaderPages(reader: Db, bounds: number[], started: StartedWorker): ClosablePages {
  const range = reader.prepare<[number, number], [Buffer | null, number | null, number]>(ALBUM_RANGE).raw();
  let k = 0;
  return {
    parallel: true,
    async next() {
      // Only the last page can be empty (a collection of a whole number of pages); it is skipped.
      while (k < bounds.length) {
        const current = k++;
        let page: AlbumPage | null;
        if (current % MAIN_EVERY === 0) {
          const high = current + 1 < bounds.length ? bounds[current + 1]! : Number.MAX_SAFE_INTEGER;
          const [bytes, , count] = range.get(bounds[current]!, high) ?? [null, null, 0];
          page = bytes && count > 0 ? { bytes, count } : null;
        } else {
          page = await started.take(current);
        }
        Atomics.store(started.signals, 0, k);
        Atomics.notify(started.signals, 0);
        if (page) return page;
      }
      return null;
    },
    async close() {
      await started.worker.terminate();
    },
  };
}
