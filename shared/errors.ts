/**
 * The one error type that crosses every boundary (core → REST, core → IPC → renderer).
 * `code` decides the HTTP status and lets the renderer react without parsing messages.
 */
export type AimeErrorCode =
  | 'invalid_input' // 422: the caller sent something wrong; nothing was changed
  | 'not_found' // 404: unknown task, file or route
  | 'already_running' // 409: single-flight refused a second run
  | 'run_failed' // 500: the task ran and failed (status "failed")
  | 'locked' // 409: another process holds the data directory
  | 'internal'; // 500: a bug or an unexpected I/O error

export const HTTP_STATUS: Record<AimeErrorCode, number> = {
  invalid_input: 422,
  not_found: 404,
  already_running: 409,
  run_failed: 500,
  locked: 409,
  internal: 500,
};

export interface AimeErrorData {
  code: AimeErrorCode;
  message: string;
  /** Extra machine-readable facts, e.g. `{ valid: [...] }` for an unknown task. */
  details?: Record<string, unknown>;
}

export class AimeError extends Error {
  readonly code: AimeErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: AimeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AimeError';
    this.code = code;
    this.details = details;
  }
  toJSON(): AimeErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isAimeErrorData(value: unknown): value is AimeErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AimeErrorData).code === 'string' &&
    typeof (value as AimeErrorData).message === 'string'
  );
}

/** Any thrown value as transportable data; unknown errors become `internal`. */
export function toAimeErrorData(error: unknown): AimeErrorData {
  if (error instanceof AimeError) return error.toJSON();
  if (isAimeErrorData(error) && error.code in HTTP_STATUS) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
