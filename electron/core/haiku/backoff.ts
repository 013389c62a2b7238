/** Waiting between attempts: exponential backoff with jitter, and the server's `Retry-After` when it gives one. */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 8000;
/** A server asking us to wait longer than this gets this: the task must still finish on time. */
export const RETRY_AFTER_MAX_MS = 30_000;

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): base·2^(attempt−1), capped,
 * then "equal jitter" (half fixed, half random) so parallel requests do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * Math.min(1, Math.max(0, random())));
}

/** `Retry-After` is either delay-seconds or an HTTP date; returns milliseconds (capped), or null when absent/unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(RETRY_AFTER_MAX_MS, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, at - now.getTime()));
}

/** The real wait; rejects with the signal's reason as soon as it aborts. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
