/**
 * The worker's entry (a module of its own: the bundlers emit it beside main.js and cli.js).
 * It opens its own connection to the collection, runs one job as the main thread described it
 * (`WorkerJob`: an import, or one linked source's sync with its Discogs requests) and reports
 * back through messages (worker-protocol.ts); the write gate stays on the main thread, asked
 * for with `acquire` and given back with `release`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from './database.js';
import { createCollection } from './index.js';
import type { ImportControl } from './import-run.js';
import { realSleep, runSyncJob } from './sync-job.js';
import { serializeError, type ImportJob, type SyncJob, type ToMain, type ToWorker, type WorkerJob } from './worker-protocol.js';
import type { Logger } from '../types.js';

const port = parentPort!;
const job = workerData as WorkerJob;
const send = (message: ToMain): void => port.postMessage(message);
const cancelFlag = new Int32Array(job.cancel);

/** Log lines go to the main thread's logger (one log file, one writer). */
function forwardingLogger(module: string): Logger {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) =>
    send({ type: 'log', level, module, message });
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error'), child: forwardingLogger };
}

let onGranted: (() => void) | null = null;
port.on('message', (message: ToWorker) => {
  if (message.type === 'granted') onGranted?.();
});

const control: ImportControl = {
  onProgress: (progress) => send({ type: 'progress', progress }),
  cancelled: () => Atomics.load(cancelFlag, 0) === 1,
  acquireWrite: () =>
    new Promise((resolve) => {
      onGranted = () => {
        onGranted = null;
        resolve(() => send({ type: 'release' }));
      };
      send({ type: 'acquire' });
    }),
};

// The main thread's time at the start: one job has one time, and tests keep their fixed clock.
const clock = { now: () => new Date(job.nowMs) };

async function runImportJob(db: Db, importJob: ImportJob): Promise<void> {
  const collection = createCollection(db, { clock, log: forwardingLogger(importJob.logModule), demoFile: importJob.file });
  const summary =
    importJob.label === 'demo'
      ? await collection.importDemo(control)
      : await collection.importFile(importJob.file, importJob.format, control);
  send({ type: 'done', summary });
}

async function runSync(db: Db, syncJob: SyncJob): Promise<void> {
  // The flag also aborts what waits on the network (a request, a Retry-After), which no
  // synchronous check would reach: polled while the thread is idle between chunks.
  const abort = new AbortController();
  const poll = setInterval(() => {
    if (control.cancelled!()) abort.abort(new Error('cancelled'));
  }, 50);
  try {
    const result = await runSyncJob(db, syncJob.spec, {
      fetch: globalThis.fetch,
      sleep: syncJob.instantWaits ? async () => {} : realSleep,
      clock,
      signal: abort.signal,
      cancelled: control.cancelled,
      acquireWrite: control.acquireWrite,
      onProgress: (progress) =>
        send({
          type: 'progress',
          progress: { phase: progress.phase === 'read' ? 'reading' : 'writing', done: progress.done, total: progress.total },
        }),
    });
    send({ type: 'synced', result });
  } finally {
    clearInterval(poll);
  }
}

async function main(): Promise<void> {
  const db = openDatabase(job.dbFile, { nativeBinding: job.nativeBinding });
  try {
    if (job.kind === 'sync') await runSync(db, job);
    else await runImportJob(db, job);
  } finally {
    db.close();
  }
}

main()
  .catch((error: unknown) => send({ type: 'failed', error: serializeError(error) }))
  // Nothing more to say: closing the port lets the thread end.
  .finally(() => port.close());
