/**
 * A circuit breaker for EurIA: after `failureThreshold` consecutive failures it opens and
 * calls are skipped (immediate local fallback); after `cooldownMs` it lets one trial call
 * through (half-open) and closes again when that call succeeds. The original AIME's breaker
 * never closed until a restart; this one does, driven by the injected clock.
 */
import type { Clock } from '../types.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
}

/** Consecutive failed attempts (not albums): with 3 attempts per album, a dead server is detected within two albums. */
export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOLDOWN_MS = 60_000;

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly clock: Clock,
    options: BreakerOptions = {},
  ) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.cooldownMs = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now().getTime() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until the next trial is allowed (0 when calls may go through). */
  retryInMs(): number {
    if (this.openedAt === null) return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.clock.now().getTime());
  }

  /**
   * May a call go out now? Closed: yes. Open: no. Half-open: only one trial at a time,
   * so a recovering server is not hit by the whole batch at once.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.failures++;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    // A failed trial re-opens at once; otherwise open when the threshold is reached.
    if (wasTrial || this.failures >= this.failureThreshold) this.openedAt = this.clock.now().getTime();
  }

  /** A call that ended without saying anything about the service (cancelled, unusable text). */
  recordNeutral(): void {
    this.trialInFlight = false;
  }
}
