/**
 * How the REST API turns outcomes into HTTP: every error body is
 * `{ "detail": message, "code": code, ...details }` (FastAPI's `detail`, as the original AIME answered),
 * with the status decided by the error code (ERROR_CODES in shared/contract.ts).
 */
import type { Context } from 'hono';
import { AimeError, ERROR_CODES, toAimeErrorData, type AimeErrorCode } from '../../../shared/contract.js';
import type { Logger } from '../types.js';

export function errorBody(code: AimeErrorCode, detail: string, details?: Record<string, unknown>): Record<string, unknown> {
  return { detail, code, ...(details ?? {}) };
}

/** An error answer; its HTTP status is the code's (ERROR_CODES). */
export function jsonError(code: AimeErrorCode, detail: string, details?: Record<string, unknown>): Response {
  return new Response(JSON.stringify(errorBody(code, detail, details)), {
    status: ERROR_CODES[code].http,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Maps any thrown value to its HTTP answer; unexpected errors are logged (they are bugs or I/O faults). */
export function errorResponse(error: unknown, log: Logger, c: Context): Response {
  const data = toAimeErrorData(error);
  if (!(error instanceof AimeError)) {
    log.error(`${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const details = data.text ? { ...data.details, text: data.text } : data.details;
  return jsonError(data.code, data.message, details);
}
