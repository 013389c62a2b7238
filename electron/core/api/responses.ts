/**
 * How the REST API turns outcomes into HTTP: every error body is
 * `{ "detail": message, "code": code, ...details }` (FastAPI's `detail`, as the original AIME answered),
 * with the status decided by the error code (shared/errors.ts).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AimeError, HTTP_STATUS, toAimeErrorData } from '../../../shared/errors.js';
import type { Logger } from '../types.js';

/** Codes the HTTP layer itself answers with, besides the engine's `AimeErrorCode`s. */
export type HttpOnlyCode = 'forbidden' | 'payload_too_large';

export function errorBody(code: string, detail: string, details?: Record<string, unknown>): Record<string, unknown> {
  return { detail, code, ...(details ?? {}) };
}

export function jsonError(
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  details?: Record<string, unknown>,
): Response {
  return new Response(JSON.stringify(errorBody(code, detail, details)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Maps any thrown value to its HTTP answer; unexpected errors are logged (they are bugs or I/O faults). */
export function errorResponse(error: unknown, log: Logger, c: Context): Response {
  const data = toAimeErrorData(error);
  if (!(error instanceof AimeError)) {
    log.error(`${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return jsonError(HTTP_STATUS[data.code] as ContentfulStatusCode, data.code, data.message, data.details);
}
