/**
 * Imports and syncs off the engine's thread: each runs in a worker thread (import-worker.ts)
 * with its own connection, so parsing and writing 1M albums, or a paced Discogs sync, never
 * block the API, the tray or the scheduler. The main thread keeps the write gate and hands it
 * to the worker for its one writing transaction; it reports progress and can cancel (the job
 * then rolls back).
 *
 * One job at a time (both would wait for the same gate, and the user could not tell which
 * progress is which): a second import is refused as already running; a source's sync, being
 * a step of the sync_collection task, waits for its turn instead.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ImportFormat, ImportProgressView, ImportSummary } from '../../../shared/api.js';
import type { SourceKind } from '../../../shared/sources.js';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { startModuleWorker } from '../worker-thread.js';
import { nativeBindingOf, type Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';
import { findDemoFile } from './demo-file.js';
import type { ImportProgress } from './import-run.js';
import { SyncAborted } from './sync.js';
import type { SyncJobRunOptions } from './linked-sync.js';
import type { SyncJobResult, SyncJobSpec } from './sync-job.js';
import { deserializeError, type ToMain, type ToWorker, type WorkerJob } from './worker-protocol.js';
import type { WriteGate } from './write-gate.js';

/** What is known of the import or sync in progress (for status, the tray's tooltip and late subscribers). */
export interface ImportInProgress {
  kind: 'import' | 'sync';
  /** The file, or `discogs:USERNAME` for a Discogs account's sync. */
  file: string;
  /** The import's format, or the synced source's kind. */
  format: ImportFormat | 'demo' | SourceKind;
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
  /**
   * `onStart` is called once the file is accepted and no other job runs, just before the worker
   * starts (the run history records the import from there); if it throws, nothing starts.
   */
  importFile(file: string, format?: ImportFormat, onStart?: () => void): Promise<ImportSummary>;
  importDemo(onStart?: () => void): Promise<ImportSummary>;
  /** One linked source's sync in the worker, after any job in progress; `signal` cancels it. */
  sync(spec: SyncJobSpec, options: SyncJobRunOptions): Promise<SyncJobResult>;
  /** Asks the import in progress to stop and roll back; false when none is running (a sync is cancelled through its own door). */
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
  /** The Discogs client's waits in the worker return at once (tests: see SyncJob.instantWaits). */
  instantWaits?: boolean;
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

  /** What the job's fields common to every kind are, for this engine's collection. */
  function base(cancel: SharedArrayBuffer) {
    return {
      dbFile: deps.db.name,
      nativeBinding: nativeBindingOf(deps.db),
      nowMs: deps.clock.now().getTime(),
      logModule: 'collection',
      cancel,
    };
  }

  function alreadyRunning(state: ImportInProgress): AimeError {
    const params = { file: path.basename(state.file), started: state.started_at.slice(11, 19) };
    return state.kind === 'sync'
      ? new AimeError('already_running', `a sync is running (${params.file}, started ${params.started})`, { file: state.file }, msg('error.sync_running', { file: params.file }))
      : new AimeError(
          'already_running',
          `an import is already running (${params.file}, started ${params.started})`,
          { file: state.file },
          msg('error.import_running', { file: params.file }),
        );
  }

  function start<T>(
    make: (cancel: SharedArrayBuffer) => WorkerJob,
    state: Omit<ImportInProgress, 'started_at' | 'progress' | 'cancelling'>,
    signal?: AbortSignal,
    onStart?: () => void,
  ): Promise<T> {
    if (running) throw alreadyRunning(running.state);
    onStart?.();
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const full: ImportInProgress = {
      ...state,
      started_at: isoLocal(deps.clock.now()),
      progress: { phase: 'reading', done: 0, total: null },
      cancelling: false,
    };
    const onAbort = (): void => {
      Atomics.store(flag, 0, 1);
      full.cancelling = true;
      notify();
    };
    const done = runWorker(make(cancel), full) as Promise<T>;
    running = { state: full, cancel: flag, done };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    notify();
    return done.finally(() => {
      signal?.removeEventListener('abort', onAbort);
      running = null;
      notify();
    });
  }

  function startImport(file: string, format: ImportFormat, label: ImportFormat | 'demo', onStart?: () => void): Promise<ImportSummary> {
    return start((cancel) => ({ ...base(cancel), kind: 'import', file, format, label }), { kind: 'import', file, format: label }, undefined, onStart);
  }

  function runWorker(job: WorkerJob, state: ImportInProgress): Promise<ImportSummary | SyncJobResult> {
    return new Promise((resolve, reject) => {
      const worker = startWorker(job);
      let release: (() => void) | null = null;
      let settled = false;
      const finish = (error: Error | null, summary?: ImportSummary | SyncJobResult): void => {
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
          case 'synced':
            finish(null, message.result);
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
    async importFile(file, format, onStart) {
      const absolute = path.resolve(file);
      // Checked here, before any thread starts: bad input is refused at once.
      assertReadableFile(absolute);
      const chosen = format ?? detectImportFormat(absolute);
      return startImport(absolute, chosen, chosen, onStart);
    },
    async importDemo(onStart) {
      return startImport(deps.demoFile ?? findDemoFile(), 'json', 'demo', onStart);
    },
    async sync(spec, options) {
      // A step of the sync_collection task: it waits for an import in progress rather than fail.
      while (running) await running.done.catch(() => undefined);
      if (options.signal.aborted) throw new SyncAborted();
      const name = spec.source.kind === 'discogs' ? `discogs:${spec.source.location}` : spec.source.location;
      return start<SyncJobResult>(
        (cancel) => ({ ...base(cancel), kind: 'sync', spec, instantWaits: deps.instantWaits === true }),
        { kind: 'sync', file: name, format: spec.source.kind },
        options.signal,
      );
    },
    cancel() {
      if (!running || running.state.kind !== 'import') return false;
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

function startWorker(job: WorkerJob): Worker {
  return startModuleWorker(WORKER_FILE, { workerData: job }, { bundle: true });
}
