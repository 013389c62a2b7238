/**
 * A core for tests that must touch nothing of the machine's: temporary data and home folders
 * (the caller's), no AIME_* variables, a fixed clock, timers that never fire by themselves and
 * an in-memory log. Any option can be overridden.
 */
import { createCore, type Core, type CoreOptions } from '../../electron/core/app.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { createFakeClock } from './fake-clock.js';
import { createFakeTimers } from './fake-timers.js';

export function createIsolatedCore(options: Partial<CoreOptions> & { dataDir: string; homeDir: string }): Promise<Core> {
  return createCore({
    clock: createFakeClock(new Date(2026, 0, 31, 21, 2, 2)),
    env: {},
    timers: createFakeTimers().timers,
    log: createMemoryLogger([]),
    ...options,
  });
}
