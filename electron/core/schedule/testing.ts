/**
 * Test support for the scheduler: a clock the test moves, timers that fire when the test says
 * (never real waiting), a real SQLite file and a task that writes a real small file. Not used
 * by the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings, type Settings } from '../../../shared/config.js';
import type { RunTrigger, TaskId } from '../../../shared/tasks.js';
import { openDatabase, type Db } from '../collection/database.js';
import type { TaskOutcome } from '../tasks/types.js';
import { fileStamp } from '../time-format.js';
import type { Clock } from '../types.js';
import { WALL_CHECK_INTERVAL_MS, type SchedulerTimers } from './scheduler.js';

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

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aime-'));
}

export function openTempDb(dir: string): Db {
  return openDatabase(path.join(dir, 'collection.db'));
}

/** Default settings with every task on its seed time, or `times` per task (null disables it). */
/**
 * Default settings with some tasks moved (a time) or off (null). The scheduler's tests are
 * written around the seed's three tasks: sync_collection is off unless a test gives it a time.
 */
export function testSettings(outputDir: string, times: Partial<Record<TaskId, string | null>> = {}): Settings {
  const settings = defaultSettings(outputDir);
  for (const task of settings.tasks) {
    const time = task.name === 'sync_collection' ? (times[task.name] ?? null) : times[task.name];
    if (time === null) task.enabled = false;
    else if (time !== undefined) task.time = time;
  }
  return settings;
}

export interface FileTask {
  execute: (task: TaskId, trigger: RunTrigger) => Promise<TaskOutcome>;
  calls: Array<{ task: TaskId; trigger: RunTrigger; at: Date }>;
  /** Makes the next runs wait until `release()` (a run in progress, for concurrency tests). */
  hold(): void;
  release(): void;
  /** Makes the next run throw this error. */
  failNext(message: string): void;
}

/** A task that really writes `<task>-<stamp>-<n>.txt` in `outputDir`, whole, then reports it. */
export function createFileTask(outputDir: string, clock: Clock): FileTask {
  const calls: FileTask['calls'] = [];
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  let failure: string | null = null;
  return {
    calls,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = null;
      open = null;
    },
    failNext(message) {
      failure = message;
    },
    async execute(task, trigger) {
      calls.push({ task, trigger, at: clock.now() });
      const n = calls.length;
      if (gate) await gate;
      if (failure !== null) {
        const message = failure;
        failure = null;
        throw new Error(message);
      }
      fs.mkdirSync(outputDir, { recursive: true });
      const file = path.join(outputDir, `${task}-${fileStamp(clock.now())}-${n}.txt`);
      await fs.promises.writeFile(file, `${task} ${trigger} run ${n}\n`);
      return { status: 'completed', file, albumCount: 1, warnings: [], deleted: [] };
    },
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
