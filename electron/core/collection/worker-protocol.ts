/** What the main thread and the import worker say to each other. */
import type { ImportFormat, ImportSummary } from '../../../shared/api.js';
import { AimeError, type AimeErrorCode } from '../../../shared/contract.js';
import type { ImportProgress } from './import-run.js';

export interface ImportJob {
  dbFile: string;
  nativeBinding?: string;
  file: string;
  format: ImportFormat;
  label: ImportFormat | 'demo';
  nowMs: number;
  logModule: string;
  /** One Int32: 1 once the import is to stop. Shared, so it is seen inside a synchronous transaction too. */
  cancel: SharedArrayBuffer;
}

export type ToMain =
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; module: string; message: string }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'acquire' }
  | { type: 'release' }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: SerializedError };

export type ToWorker = { type: 'granted' };

export interface SerializedError {
  name: string;
  message: string;
  code?: AimeErrorCode;
  details?: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AimeError) {
    return { name: 'AimeError', message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.name === 'AimeError' && error.code) return new AimeError(error.code, error.message, error.details);
  return new Error(error.message);
}
