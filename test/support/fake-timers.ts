/**
 * Timers for the scheduler that fire when the test says (never real waiting), and `runUntil`,
 * which lets fake time pass as a running machine would.
 */
import { WALL_CHECK_INTERVAL_MS, type SchedulerTimers } from '../../electron/core/schedule/scheduler.js';
import type { FakeClock } from './fake-clock.js';

interface ArmedTimer {
  at: number;
  fn: () => void;
  cancelled: boolean;
  fired: boolean;
}

export interface FakeTimers {
  timers: Required<SchedulerTimers>;
  /** Times of the timers armed and neither fired nor cancelled, sorted. */
  pending(): Date[];
  /** Fires (once each) the armed timers due at `now`. */
  fireDue(now: Date): number;
  /** Fires every registered interval callback once. */
  tickIntervals(): number;
  intervalCount(): number;
}

export function createFakeTimers(): FakeTimers {
  const intervals = new Map<number, () => void>();
  const armed: ArmedTimer[] = [];
  let ids = 0;
  const live = () => armed.filter((t) => !t.cancelled && !t.fired);
  return {
    timers: {
      setInterval(fn) {
        intervals.set(++ids, fn);
        return ids;
      },
      clearInterval: (handle) => void intervals.delete(handle as number),
      arm(at, fn) {
        const timer: ArmedTimer = { at: at.getTime(), fn, cancelled: false, fired: false };
        armed.push(timer);
        return { cancel: () => void (timer.cancelled = true) };
      },
      prepare: async () => undefined,
    },
    pending: () =>
      live()
        .map((t) => t.at)
        .sort((a, b) => a - b)
        .map((ms) => new Date(ms)),
    fireDue(now) {
      const due = live().filter((t) => t.at <= now.getTime());
      for (const t of due) {
        t.fired = true;
        t.fn();
      }
      return due.length;
    },
    tickIntervals() {
      for (const fn of [...intervals.values()]) fn();
      return intervals.size;
    },
    intervalCount: () => intervals.size,
  };
}

/** What `runUntil` drives: the fake clock and timers, and the runner to wait for. */
export interface Machine {
  clock: FakeClock;
  timers: FakeTimers;
  runner: { idle(): Promise<void> };
  /** When the minute check last ran. */
  lastTick: number;
}

/**
 * Lets time pass up to `target` as a running machine would: the clock moves to each armed
 * timer and each once-a-minute wall check in turn, they fire, and runs finish before time moves on.
 */
export async function runUntil(h: Machine, target: Date): Promise<void> {
  // After a jump (sleep) the minute check resumes from the current time.
  h.lastTick = Math.max(h.lastTick, h.clock.now().getTime());
  for (;;) {
    const nextTimer = h.timers.pending()[0]?.getTime() ?? Infinity;
    const nextTick = h.lastTick + WALL_CHECK_INTERVAL_MS;
    const t = Math.min(nextTimer, nextTick);
    if (t > target.getTime()) break;
    h.clock.set(new Date(t));
    if (t === nextTick) {
      h.lastTick = t;
      h.timers.tickIntervals();
    }
    h.timers.fireDue(h.clock.now());
    await h.runner.idle();
  }
  h.clock.set(target);
}
