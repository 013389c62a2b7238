/**
 * The import worker's entry (a module of its own: the bundlers emit it beside main.js and
 * cli.js). It opens its own connection to the collection, runs one import as the main thread
 * described it (`ImportJob`) and reports back through messages (worker-protocol.ts); the write
 * gate stays on the main thread, asked for with `acquire` and given back with `release`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.js';
import { createCollection } from './index.js';
import type { ImportControl } from './import-run.js';
import { serializeError, type ImportJob, type ToMain, type ToWorker } from './worker-protocol.js';
import type { Logger } from '../types.js';

const port = parentPort!;
const job = workerData as ImportJob;
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

async function main(): Promise<void> {
  const db = openDatabase(job.dbFile, { nativeBinding: job.nativeBinding });
  try {
    // The main thread's time at the start: one import has one `at`, and tests keep their fixed clock.
    const clock = { now: () => new Date(job.nowMs) };
    const collection = createCollection(db, { clock, log: forwardingLogger(job.logModule), demoFile: job.file });
    const summary =
      job.label === 'demo'
        ? await collection.importDemo(control)
        : await collection.importFile(job.file, job.format, control);
    send({ type: 'done', summary });
  } finally {
    db.close();
  }
}

main()
  .catch((error: unknown) => send({ type: 'failed', error: serializeError(error) }))
  // Nothing more to say: closing the port lets the thread end.
  .finally(() => port.close());
