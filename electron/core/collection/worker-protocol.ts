/** What the main thread and the import worker say to each other. */
import type { ImportFormat, ImportSummary } from '../../../shared/api.js';
import { AimeError, type AimeErrorCode } from '../../../shared/contract.js';
import type { MessageRef } from '../../../shared/messages/index.js';
import type { ImportProgress } from './import-run.js';
import type { SyncJobResult, SyncJobSpec } from './sync-job.js';

/** What every job of the worker has: its own connection to the collection, and a cancel flag. */
interface JobBase {
  dbFile: string;
  nativeBinding?: string;
  nowMs: number;
  logModule: string;
  /** One Int32: 1 once the job is to stop. Shared, so it is seen inside a synchronous transaction too. */
  cancel: SharedArrayBuffer;
}

/** A one-shot import of a file (or the demo). */
export interface ImportJob extends JobBase {
  kind: 'import';
  file: string;
  format: ImportFormat;
  label: ImportFormat | 'demo';
}

/** One linked source's sync; the Discogs requests are made from the worker too. */
export interface SyncJob extends JobBase {
  kind: 'sync';
  spec: SyncJobSpec;
  /**
   * The Discogs client's waits (pacing, Retry-After, backoff) return at once: for tests, whose
   * injected sleep (a function) cannot cross to the worker's thread.
   */
  instantWaits: boolean;
}

export type WorkerJob = ImportJob | SyncJob;

export type ToMain =
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; module: string; message: string }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'acquire' }
  | { type: 'release' }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'synced'; result: SyncJobResult }
  | { type: 'failed'; error: SerializedError };

export type ToWorker = { type: 'granted' };

export interface SerializedError {
  name: string;
  message: string;
  code?: AimeErrorCode;
  details?: Record<string, unknown>;
  text?: MessageRef;
  /** A file-system error's errno and path, so the other side can still say it in plain words. */
  errno?: string;
  path?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AimeError) {
    return { name: 'AimeError', message: error.message, code: error.code, details: error.details, text: error.text };
  }
  if (error instanceof Error) {
    const { code, path } = error as NodeJS.ErrnoException;
    return { name: error.name, message: error.message, ...(code ? { errno: code } : {}), ...(path ? { path } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.name === 'AimeError' && error.code) return new AimeError(error.code, error.message, error.details, error.text);
  return Object.assign(new Error(error.message), error.errno ? { code: error.errno, path: error.path } : {});
}
