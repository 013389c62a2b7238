/** A clock the test moves by hand: injected wherever the engine asks for `Clock`, so no test waits. */
import type { Clock } from '../../electron/core/types.js';

export interface FakeClock extends Clock {
  set(date: Date): void;
  advance(ms: number): void;
}

export function createFakeClock(start: Date): FakeClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => void (now = date.getTime()),
    advance: (ms) => void (now += ms),
  };
}
