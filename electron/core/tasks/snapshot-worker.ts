/**
 * A second core for an export: a worker thread with its own read-only connection that runs the
 * export's SQL statements while this thread formats and writes. SQLite's C code is most of an
 * export's cost, so a large collection exports in about half the time.
 *
 * Both connections must read the same snapshot, or `total_albums` and the albums written could
 * disagree with a concurrent import. In WAL mode a read transaction sees the last commit at its
 * first read; holding the write lock (BEGIN IMMEDIATE on a third connection) while both readers
 * start theirs means no commit can come between them. Whenever that cannot be arranged (a
 * writer holds the lock too long, the worker cannot start), there is no worker and the export
 * runs its statements on this thread: slower, never wrong.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import { EXPORT_CACHE_PRAGMA, nativeBindingOf, openCompanion, type Db } from '../collection/database.js';
import type { Logger } from '../types.js';
import { startModuleWorker } from '../worker-thread.js';
import type { SnapshotReply, SnapshotRequest, SnapshotWorkerData } from './snapshot-worker-thread.js';

/** Below this many albums a worker's start-up (~50 ms) costs more than it saves. */
export const PARALLEL_FROM = 20_000;
/** How long the writer lock may be waited for, and the worker's start: beyond, one core it is. */
const LOCK_WAIT_MS = 250;
const WORKER_START_MS = 5000;

/** One row as better-sqlite3's `raw()` gives it. */
export type RawRow = unknown[];

export interface SnapshotWorker {
  /** The first row of `sql` with `params`, read on the worker's connection (same snapshot as the reader's). */
  get(sql: string, params: readonly unknown[]): Promise<RawRow | undefined>;
  /** Ends the worker's read transaction and the thread; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The worker's module: the .ts file from the sources (tsx, vitest), the .js file the bundler
 * emits beside the bundle (import.meta.url is then the bundle's).
 */
const WORKER_FILE = import.meta.url.endsWith('.ts')
  ? new URL('./snapshot-worker-thread.ts', import.meta.url)
  : new URL('./snapshot-worker-thread.js', import.meta.url);

/**
 * The worker's `get` on this thread's own connection, each statement prepared once: what runs
 * here when there is no worker, or for this thread's share of the jobs.
 */
export function rowsOf(reader: Db): (sql: string, params: readonly unknown[]) => RawRow | undefined {
  const statements = new Map<string, Statement<unknown[], RawRow>>();
  return (sql, params) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = reader.prepare<unknown[], RawRow>(sql).raw()));
    return statement.get(...params);
  };
}

export interface SharedSnapshot<T> {
  /** The number of albums in the snapshot (the reader's first read). */
  albums: number;
  /** null when the export runs on this thread alone. */
  worker: SnapshotWorker | null;
  /** What `meanwhile` returned. */
  prepared: T;
}

export interface ShareOptions<T> {
  /** Names the export in the log lines. */
  task: string;
  log: Logger;
  /**
   * The export's own first reads and work (on `reader`, synchronous), done while the worker
   * starts so that its start-up costs nothing. Called once; `starting` is null when no worker
   * will run, and otherwise says when the worker has finished starting (ready or failed).
   */
  meanwhile(albums: number, starting: { settled(): boolean } | null): T;
  /** Fewer albums than this: no worker (PARALLEL_FROM unless a test says otherwise). */
  parallelFrom?: number;
}

/**
 * Starts the snapshot of `reader` (a read-only connection of `db` in a transaction not yet read
 * from) and, for a collection of at least `parallelFrom` albums, a worker on the same snapshot.
 * Everything between taking and releasing the write lock is synchronous (the worker's start is
 * awaited with Atomics.wait), so no other work of this process can try to write, and block,
 * while the lock is held.
 */
export function shareSnapshot<T>(db: Db, reader: Db, options: ShareOptions<T>): SharedSnapshot<T> {
  const { task, log, meanwhile, parallelFrom = PARALLEL_FROM } = options;
  const alone = (): SharedSnapshot<T> => {
    const albums = reader.prepare('SELECT count(*) FROM albums').pluck().get() as number;
    return { albums, worker: null, prepared: meanwhile(albums, null) };
  };
  if (reader === db) return alone();
  let lock: Db | undefined;
  try {
    lock = openCompanion(db, db.name);
    lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    lock?.close();
    log.info(`${task} on one core: the collection is being written (${(error as Error).message})`);
    return alone();
  }
  try {
    const albums = reader.prepare('SELECT count(*) FROM albums').pluck().get() as number;
    if (albums < parallelFrom) return { albums, worker: null, prepared: meanwhile(albums, null) };
    const starting = startWorker(db);
    let prepared: T;
    try {
      prepared = meanwhile(albums, typeof starting === 'string' ? { settled: () => true } : starting);
    } catch (error) {
      if (typeof starting !== 'string') starting.abandon();
      throw error;
    }
    const started = typeof starting === 'string' ? starting : starting.ready();
    if (typeof started === 'string') log.warn(`${task} on one core: the worker did not start (${started})`);
    return { albums, worker: typeof started === 'string' ? null : started, prepared };
  } finally {
    lock.exec('ROLLBACK');
    lock.close();
  }
}

interface StartingWorker {
  /** Whether the worker has finished starting (ready or failed). */
  settled(): boolean;
  /** Waits until the worker's snapshot has started: the worker, or why it could not start. */
  ready(): SnapshotWorker | string;
  abandon(): void;
}

/** Starts a worker thread (or says why it cannot); its snapshot starts in the background. */
function startWorker(db: Db): StartingWorker | string {
  const state = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const workerData: SnapshotWorkerData = {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      nativeBinding: nativeBindingOf(db),
      file: db.name,
      shared: state.buffer,
      cachePragma: EXPORT_CACHE_PRAGMA,
    };
    worker = startModuleWorker(WORKER_FILE, {
      // It holds one statement's row at a time: a small heap keeps the export's peak memory low.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 },
      workerData,
    });
  } catch (error) {
    return (error as Error).message;
  }
  return {
    settled: () => Atomics.load(state, 0) !== 0,
    ready() {
      Atomics.wait(state, 0, 0, WORKER_START_MS);
      const ready = Atomics.load(state, 0);
      if (ready !== 1) {
        void worker.terminate();
        return ready === 2 ? 'it failed to open the collection' : 'it took too long';
      }
      return talkTo(worker);
    },
    abandon: () => void worker.terminate(),
  };
}

function talkTo(worker: Worker): SnapshotWorker {
  const waiting = new Map<number, { resolve(row: RawRow | undefined): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | null = null;
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.values()) waiter.reject(failure);
    waiting.clear();
  };
  worker.on('message', (reply: SnapshotReply) => {
    const waiter = waiting.get(reply.id);
    if (!waiter) return;
    waiting.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    // Blobs arrive as plain Uint8Arrays: give them back their Buffer face.
    else waiter.resolve(reply.row?.map((v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v)));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the export worker stopped (exit code ${code})`)));
  return {
    get(sql, params) {
      if (closing) return Promise.reject(new Error('the export worker is closed'));
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, sql, params } satisfies SnapshotRequest);
      });
    },
    async close() {
      if (!closing && !failure) worker.postMessage('close' satisfies SnapshotRequest);
      closing = true;
      // A worker busy with a statement answers first; one that is stuck is stopped.
      const stuck = setTimeout(() => void worker.terminate(), WORKER_START_MS);
      await exited;
      clearTimeout(stuck);
    },
  };
}
