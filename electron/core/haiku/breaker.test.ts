import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { CircuitBreaker } from './breaker.js';

const fakeClock = () => createFakeClock(new Date('2026-01-31T06:00:00Z'));

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down, closes on success', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 3, cooldownMs: 60_000 });
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(60_000);
    clock.advance(59_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    // Only one trial at a time while half-open.
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(0);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a success resets the count; a failed trial re-opens for a new cool-down', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 2, cooldownMs: 1000 });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs()).toBe(1000);
    clock.advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordNeutral();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
