import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, RETRY_AFTER_MAX_MS, backoffDelay, parseRetryAfter, realSleep } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt, with jitter between half and all of it, capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(2, () => 0)).toBe(1000);
    expect(backoffDelay(2, () => 0.5)).toBe(1500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_MAX_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-31T20:00:00Z');
  it('reads seconds and HTTP dates, capped', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sat, 31 Jan 2026 20:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 31 Jan 2026 19:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('3600', now)).toBe(RETRY_AFTER_MAX_MS);
  });
  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('realSleep', () => {
  it('rejects at once when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = realSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(realSleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    await expect(realSleep(1)).resolves.toBeUndefined();
  });
});
