/**
 * The export worker's own code, run in a worker thread by snapshot-worker.ts: it opens its
 * read-only connection, starts its snapshot and says so through shared memory (1 ready,
 * 2 failed), then answers one statement at a time. Blob values are handed over rather than
 * copied when they own their memory (a rendered page is hundreds of kilobytes).
 *
 * Its own entry point in the Electron bundle (scripts/build-electron.mjs): it imports nothing
 * of the app, and better-sqlite3 comes from the path the main thread resolved, so that both
 * threads load the same build with the same native binding.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

export interface SnapshotWorkerData {
  /** better-sqlite3's entry file, as the main thread resolved it. */
  module: string;
  file: string;
  nativeBinding: string | undefined;
  /** One Int32: 0 starting, 1 ready, 2 failed. */
  shared: SharedArrayBuffer;
  /** The page-cache pragma of export connections (database.ts: EXPORT_CACHE_PRAGMA). */
  cachePragma: string;
}

/** A statement to run, or 'close' (end the transaction and the thread). */
export type SnapshotRequest = { id: number; sql: string; params: readonly unknown[] } | 'close';

export type SnapshotReply = { id: number; row?: unknown[]; error?: undefined } | { id: number; error: string };

const port = parentPort!;
const { module, file, nativeBinding, shared, cachePragma } = workerData as SnapshotWorkerData;
const state = new Int32Array(shared);
let db: BetterSqlite3.Database;
try {
  const Database = createRequire(module)(module) as typeof BetterSqlite3;
  db = new Database(file, nativeBinding ? { readonly: true, fileMustExist: true, nativeBinding } : { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma(cachePragma);
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM albums').get();
  Atomics.store(state, 0, 1);
} catch (error) {
  Atomics.store(state, 0, 2);
  throw error;
} finally {
  Atomics.notify(state, 0);
}

const statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown[]>>();
port.on('message', (message: SnapshotRequest) => {
  if (message === 'close') {
    db.exec('COMMIT');
    db.close();
    port.close();
    return;
  }
  const { id, sql, params } = message;
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare<unknown[], unknown[]>(sql).raw()));
    const row = statement.get(...params);
    const transfer = (row ?? [])
      .filter((v): v is Uint8Array => v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength)
      .map((v) => v.buffer as ArrayBuffer);
    port.postMessage({ id, row } satisfies SnapshotReply, transfer);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies SnapshotReply);
  }
});
