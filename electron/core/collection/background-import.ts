/**
 * Imports off the engine's thread: each import runs in a worker thread (import-worker.ts) with
 * its own connection, so parsing and writing 1M albums never block the API, the tray or the
 * scheduler. The main thread keeps the write gate and hands it to the worker for its one
 * writing transaction; it reports progress and can cancel (the import then rolls back).
 *
 * One import at a time: a second one is refused as already running (both would wait for the
 * same gate, and the user could not tell which progress is which).
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ImportFormat, ImportProgressView, ImportSummary } from '../../../shared/api.js';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { startModuleWorker } from '../worker-thread.js';
import { nativeBindingOf, type Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';
import { findDemoFile } from './demo-file.js';
import type { ImportProgress } from './import-run.js';
import { deserializeError, type ImportJob, type ToMain, type ToWorker } from './worker-protocol.js';
import type { WriteGate } from './write-gate.js';

/** What is known of the import in progress (for status, the tray's tooltip and late subscribers). */
export interface ImportInProgress {
  file: string;
  format: ImportFormat | 'demo';
  started_at: string;
  progress: ImportProgress;
  cancelling: boolean;
}

/** The shape every door shows (shared/api.ts importProgressSchema). */
export function importProgressView(current: ImportInProgress | null): ImportProgressView | null {
  if (!current) return null;
  const { progress, ...rest } = current;
  return { ...rest, phase: progress.phase, done: progress.done, total: progress.total };
}

export interface BackgroundImports {
  importFile(file: string, format?: ImportFormat): Promise<ImportSummary>;
  importDemo(): Promise<ImportSummary>;
  /** Asks the import in progress to stop and roll back; false when none is running. */
  cancel(): boolean;
  current(): ImportInProgress | null;
  /** Calls `listener` on each change: start, progress, cancel asked, and null at the end. */
  subscribe(listener: (current: ImportInProgress | null) => void): () => void;
  /** Cancels any import and waits for its worker to end. */
  close(): Promise<void>;
}

export interface BackgroundImportDeps {
  db: Db;
  gate: WriteGate;
  clock: Clock;
  log: Logger;
  demoFile?: string;
}

export function createBackgroundImports(deps: BackgroundImportDeps): BackgroundImports {
  const log = deps.log.child('collection');
  let running: { state: ImportInProgress; cancel: Int32Array; done: Promise<unknown> } | null = null;

  const listeners = new Set<(current: ImportInProgress | null) => void>();
  const notify = (): void => {
    const current = running ? { ...running.state } : null;
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch (error) {
        // A broken subscriber must not break the import.
        log.warn(`import progress listener failed: ${(error as Error).message}`);
      }
    }
  };

  function start(file: string, format: ImportFormat, label: ImportFormat | 'demo'): Promise<ImportSummary> {
    if (running) {
      throw new AimeError(
        'already_running',
        `an import is already running (${path.basename(running.state.file)}, started ${running.state.started_at.slice(11, 19)})`,
        { file: running.state.file },
        msg('error.import_running', { file: path.basename(running.state.file) }),
      );
    }
    const cancel = new SharedArrayBuffer(4);
    const job: ImportJob = {
      dbFile: deps.db.name,
      nativeBinding: nativeBindingOf(deps.db),
      file,
      format,
      label,
      nowMs: deps.clock.now().getTime(),
      logModule: 'collection',
      cancel,
    };
    const state: ImportInProgress = {
      file,
      format: label,
      started_at: isoLocal(deps.clock.now()),
      progress: { phase: 'reading', done: 0, total: null },
      cancelling: false,
    };
    const done = runWorker(job, state);
    running = { state, cancel: new Int32Array(cancel), done };
    notify();
    return done.finally(() => {
      running = null;
      notify();
    });
  }

  function runWorker(job: ImportJob, state: ImportInProgress): Promise<ImportSummary> {
    return new Promise((resolve, reject) => {
      const worker = startWorker(job);
      let release: (() => void) | null = null;
      let settled = false;
      const finish = (error: Error | null, summary?: ImportSummary): void => {
        // A worker that dies holding the gate must not keep the engine's writes waiting forever.
        release?.();
        release = null;
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve(summary!);
      };
      worker.on('message', (message: ToMain) => {
        switch (message.type) {
          case 'log':
            log.child(message.module)[message.level](message.message);
            break;
          case 'progress':
            state.progress = message.progress;
            notify();
            break;
          case 'acquire':
            void deps.gate.acquire().then((letGo) => {
              if (settled) return letGo();
              release = letGo;
              worker.postMessage({ type: 'granted' } satisfies ToWorker);
            });
            break;
          case 'release':
            release?.();
            release = null;
            break;
          case 'done':
            finish(null, message.summary);
            break;
          case 'failed':
            finish(deserializeError(message.error));
            break;
        }
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`the import worker stopped (exit code ${code})`)));
    });
  }

  return {
    async importFile(file, format) {
      const absolute = path.resolve(file);
      // Checked here, before any thread starts: bad input is refused at once.
      assertReadableFile(absolute);
      const chosen = format ?? detectImportFormat(absolute);
      return start(absolute, chosen, chosen);
    },
    async importDemo() {
      return start(deps.demoFile ?? findDemoFile(), 'json', 'demo');
    },
    cancel() {
      if (!running) return false;
      Atomics.store(running.cancel, 0, 1);
      running.state.cancelling = true;
      notify();
      return true;
    },
    current: () => (running ? { ...running.state } : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      const current = running;
      if (!current) return;
      Atomics.store(current.cancel, 0, 1);
      await current.done.catch(() => undefined);
    },
  };
}

/**
 * The worker's module: the .ts file from the sources (tsx, vitest, bundled on the fly by
 * startModuleWorker), the .js file the bundler emits beside the bundle (import.meta.url is then
 * the bundle's: dist/main/ for Electron).
 */
const WORKER_FILE = import.meta.url.endsWith('.ts')
  ? new URL('./import-worker.ts', import.meta.url)
  : new URL('./import-worker.js', import.meta.url);

function startWorker(job: ImportJob): Worker {
  return startModuleWorker(WORKER_FILE, { workerData: job }, { bundle: true });
}
