import fs from 'node:fs';
import schedule from 'node-schedule';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../../shared/api.js';
import type { Settings } from '../../../shared/config.js';
import { TASK_IDS, type TaskId } from '../../../shared/tasks.js';

/** The tasks testSettings() turns on: the seed's three (sync_collection is off there). */
const SEED_TASKS = TASK_IDS.filter((task) => task !== 'sync_collection');
import type { Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { isoLocal } from '../time-format.js';
import { createRunner, type Runner } from './runner.js';
import { createScheduler, realTimers, type Scheduler } from './scheduler.js';
import { createFakeClock, type FakeClock } from '../../../test/support/fake-clock.js';
import { createFakeTimers, runUntil, type FakeTimers } from '../../../test/support/fake-timers.js';
import { createFileTask, testSettings, type FileTask } from '../../../test/support/file-task.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb } from '../../../test/support/test-collection.js';

interface Harness {
  clock: FakeClock;
  timers: FakeTimers;
  task: FileTask;
  runner: Runner;
  scheduler: Scheduler;
  settings: Settings;
  db: Db;
  lines: string[];
  lastTick: number;
}

let dir: string;
let out: string;
const open: Harness[] = [];

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
});

afterEach(async () => {
  for (const h of open.splice(0)) {
    h.task.release();
    await h.scheduler.stop();
    h.db.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A scheduler + runner on the temp data folder's real SQLite file (each harness = one "process"). */
function harness(start: Date, settings: Settings = testSettings(out), clock = createFakeClock(start)): Harness {
  const db = createTestDb(dir);
  const lines: string[] = [];
  const log = createMemoryLogger(lines, 'scheduler', () => clock.now());
  const task = createFileTask(out, clock);
  const runner = createRunner({ db, clock, log, execute: task.execute, onEvent: () => {} });
  const timers = createFakeTimers();
  const h: Harness = {
    clock,
    timers,
    task,
    runner,
    settings,
    db,
    lines,
    lastTick: clock.now().getTime(),
    scheduler: createScheduler({ db, clock, log, runner, getSettings: () => h.settings, timers: timers.timers }),
  };
  open.push(h);
  return h;
}

async function start(h: Harness): Promise<void> {
  await h.scheduler.start();
  h.lastTick = h.clock.now().getTime();
  await h.runner.idle();
}

const runsOf = (h: Harness, task: TaskId): RunRecord[] =>
  h.runner
    .history(1000)
    .filter((r) => r.task === task)
    .reverse();
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const iso = (date: Date | null) => (date ? isoLocal(date) : null);

describe('scheduler', () => {
  it('persists next_run_at, arms one timer per task and runs each occurrence once, then the next day', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    await start(h);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-02T06:00:00.000+01:00');
    expect(h.timers.pending().map(isoLocal)).toEqual([
      '2026-02-02T06:00:00.000+01:00',
      '2026-02-02T08:00:00.000+01:00',
      '2026-02-02T10:00:00.000+01:00',
    ]);
    const stored = h.db.prepare('SELECT next_run_at FROM task_state WHERE task = ?').pluck().get('generate_haiku_scheduled');
    expect(stored).toBe(at(2026, 2, 2, 6, 0).getTime());

    await runUntil(h, at(2026, 2, 3, 5, 0));
    for (const task of SEED_TASKS) {
      const runs = runsOf(h, task);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'completed' });
      expect(fs.existsSync(runs[0]!.file!)).toBe(true);
    }
    expect(runsOf(h, 'generate_haiku_scheduled')[0]!.started_at).toBe('2026-02-02T06:00:00.000+01:00');
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
  });

  it('a timer that fires late (or not at all) is caught by the wall-clock check, as a normal scheduled run', async () => {
    const h = harness(at(2026, 2, 2, 5, 0), testSettings(out, { export_collection_markdown: null, export_collection_json: null }));
    await start(h);
    h.clock.set(at(2026, 2, 2, 6, 2)); // the timer never fired; the minute check notices
    h.timers.tickIntervals();
    await h.runner.idle();
    expect(runsOf(h, 'generate_haiku_scheduled').map((r) => r.trigger)).toEqual(['schedule']);
    // The stale timer firing afterwards does not run it again.
    h.timers.fireDue(h.clock.now());
    await h.scheduler.checkNow();
    expect(runsOf(h, 'generate_haiku_scheduled')).toHaveLength(1);
  });

  for (const [name, from, to] of [
    ['spring', at(2026, 3, 27), at(2026, 4, 1)],
    ['autumn', at(2026, 10, 23), at(2026, 10, 28)],
  ] as const) {
    it(`DST ${name}: daily 02:30 and 06:00 tasks run exactly once on every day around the change`, async () => {
      const h = harness(from, testSettings(out, { generate_haiku_scheduled: '06:00', export_collection_markdown: '02:30', export_collection_json: null }));
      await start(h);
      await runUntil(h, to);
      const days: string[] = [];
      for (let d = new Date(from); d < to; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
        days.push(isoLocal(d).slice(0, 10));
      }
      expect(days).toHaveLength(5);
      for (const task of ['generate_haiku_scheduled', 'export_collection_markdown'] as const) {
        const runs = runsOf(h, task);
        expect(runs.map((r) => r.started_at.slice(0, 10))).toEqual(days);
        expect(runs.every((r) => r.trigger === 'schedule' && r.status === 'completed')).toBe(true);
      }
      const change = name === 'spring' ? '2026-03-29' : '2026-10-25';
      const at0230 = runsOf(h, 'export_collection_markdown').find((r) => r.started_at.startsWith(change))!.started_at;
      expect(at0230).toBe(name === 'spring' ? '2026-03-29T03:00:00.000+02:00' : '2026-10-25T02:30:00.000+02:00');
      const at0600 = runsOf(h, 'generate_haiku_scheduled').find((r) => r.started_at.startsWith(change))!.started_at;
      expect(at0600.slice(11, 16)).toBe('06:00');
    });
  }

  it('sleep/wake: after 3 days asleep each task runs exactly once (catch-up), then next is computed from now', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    await start(h);
    h.clock.set(at(2026, 2, 5, 12, 0)); // the machine slept; nothing fired meanwhile
    await h.scheduler.checkNow(); // resume
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-06T06:00:00.000+01:00');
    // Then node-schedule's late timers and the minute check arrive too: nothing more runs.
    h.timers.fireDue(h.clock.now());
    h.timers.tickIntervals();
    await h.scheduler.checkNow();
    await h.runner.idle();
    for (const task of SEED_TASKS) {
      expect(runsOf(h, task).map((r) => [r.trigger, r.status])).toEqual([['catch-up', 'completed']]);
    }
    expect(fs.readdirSync(out)).toHaveLength(3);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-06T06:00:00.000+01:00');
    expect(iso(h.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-06T10:00:00.000+01:00');
    await runUntil(h, at(2026, 2, 6, 5, 0));
    expect(h.runner.history(1000)).toHaveLength(3);
  });

  it('sleep/wake: the resume event, late timers and the minute check arriving together start one run per task', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    await start(h);
    h.clock.set(at(2026, 2, 5, 12, 0));
    h.timers.fireDue(h.clock.now());
    h.timers.tickIntervals();
    await h.scheduler.checkNow();
    await h.runner.idle();
    expect(h.runner.history(1000).map((r) => r.trigger)).toEqual(['catch-up', 'catch-up', 'catch-up']);
    expect(h.lines.filter((l) => l.includes('not started'))).toEqual([]);
    expect(iso(h.scheduler.nextRunAt('export_collection_markdown'))).toBe('2026-02-06T08:00:00.000+01:00');
  });

  it('sleep/wake with catching up turned off: nothing runs, the next time moves to after now', async () => {
    const settings = testSettings(out);
    settings.catch_up_missed_runs = false;
    const h = harness(at(2026, 2, 2, 5, 0), settings);
    await start(h);
    h.clock.set(at(2026, 2, 5, 12, 0));
    h.timers.fireDue(h.clock.now());
    await h.scheduler.checkNow();
    expect(h.runner.history()).toEqual([]);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-06T06:00:00.000+01:00');
    expect(h.lines.some((l) => l.includes('generate_haiku_scheduled: missed run of 2026-02-02T06:00:00.000+01:00 skipped'))).toBe(true);
  });

  describe('restart after runs were missed while the app was closed', () => {
    async function closedFrom5To9(catchUp: boolean, edit?: (s: Settings) => void): Promise<Harness> {
      const first = harness(at(2026, 2, 2, 5, 0));
      await start(first);
      await first.scheduler.stop();
      const settings = testSettings(out);
      settings.catch_up_missed_runs = catchUp;
      edit?.(settings);
      const second = harness(at(2026, 2, 2, 9, 0), settings); // haiku 06:00 and markdown 08:00 were missed
      await start(second);
      return second;
    }

    it('catch-up on: each missed task runs once at start with trigger "catch-up"; the next is from now', async () => {
      const h = await closedFrom5To9(true);
      expect(runsOf(h, 'generate_haiku_scheduled').map((r) => r.trigger)).toEqual(['catch-up']);
      expect(runsOf(h, 'export_collection_markdown').map((r) => r.trigger)).toEqual(['catch-up']);
      expect(runsOf(h, 'export_collection_json')).toEqual([]);
      expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
      expect(iso(h.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-02T10:00:00.000+01:00');
      // A second start (or a wall check) does not run them again.
      await h.scheduler.checkNow();
      expect(h.runner.history()).toHaveLength(2);
    });

    it('catch-up off: nothing runs, the next times move to after now', async () => {
      const h = await closedFrom5To9(false);
      expect(h.runner.history()).toEqual([]);
      expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
      expect(iso(h.scheduler.nextRunAt('export_collection_markdown'))).toBe('2026-02-03T08:00:00.000+01:00');
      expect(iso(h.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-02T10:00:00.000+01:00');
    });

    it('a schedule changed while closed is noticed (schedule_key): its next time is recomputed from now, no catch-up', async () => {
      const h = await closedFrom5To9(true, (s) => void (s.tasks[0]!.time = '07:00'));
      expect(runsOf(h, 'generate_haiku_scheduled')).toEqual([]);
      expect(runsOf(h, 'export_collection_markdown')).toHaveLength(1);
      expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T07:00:00.000+01:00');
    });
  });

  it('not started (aime status in another process): shows the kept next run, or computes one without saving it', async () => {
    const fresh = harness(at(2026, 2, 2, 9, 0));
    expect(iso(fresh.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-02T10:00:00.000+01:00');
    expect(fresh.db.prepare('SELECT count(*) AS n FROM task_state').get()).toEqual({ n: 0 });

    const running = harness(at(2026, 2, 2, 9, 0));
    await start(running);
    // Another process with a later clock reads what the running scheduler keeps: 10:00 today.
    const reader = harness(at(2026, 2, 2, 9, 30));
    expect(iso(reader.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-02T10:00:00.000+01:00');
    reader.settings.tasks[2]!.time = '11:00';
    expect(iso(reader.scheduler.nextRunAt('export_collection_json'))).toBe('2026-02-02T11:00:00.000+01:00');
  });

  it('a manual run in progress when the timer fires: the scheduled one is refused, never doubled', async () => {
    const h = harness(at(2026, 2, 2, 5, 59), testSettings(out, { export_collection_markdown: null, export_collection_json: null }));
    await start(h);
    h.task.hold();
    const manual = h.runner.run('generate_haiku_scheduled', 'manual');
    h.clock.set(at(2026, 2, 2, 6, 0));
    h.timers.fireDue(h.clock.now());
    h.timers.tickIntervals();
    await h.scheduler.checkNow();
    h.task.release();
    await manual;
    expect(runsOf(h, 'generate_haiku_scheduled').map((r) => r.trigger)).toEqual(['manual']);
    expect(h.task.calls).toHaveLength(1);
    expect(h.lines.some((l) => l.includes('is already running'))).toBe(true);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
  });

  it('two schedulers on one database (two processes) run a shared occurrence once', async () => {
    const clock = createFakeClock(at(2026, 2, 2, 5, 0));
    const settings = testSettings(out, { export_collection_markdown: null, export_collection_json: null });
    const a = harness(clock.now(), settings, clock);
    const b = harness(clock.now(), settings, clock);
    await start(a);
    await start(b);
    clock.set(at(2026, 2, 2, 6, 0));
    a.timers.fireDue(clock.now());
    b.timers.fireDue(clock.now());
    await Promise.all([a.scheduler.checkNow(), b.scheduler.checkNow(), a.runner.idle(), b.runner.idle()]);
    expect(a.task.calls.length + b.task.calls.length).toBe(1);
    expect(a.runner.history()).toHaveLength(1);
    expect(iso(b.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
  });

  it('a config change while the task runs re-arms at once without starting a duplicate', async () => {
    const h = harness(at(2026, 2, 2, 5, 0), testSettings(out, { export_collection_markdown: null, export_collection_json: null }));
    await start(h);
    h.task.hold();
    h.clock.set(at(2026, 2, 2, 6, 0));
    h.timers.fireDue(h.clock.now());
    expect(h.runner.isRunning('generate_haiku_scheduled')).toBe(true);

    h.settings.tasks[0]!.time = '06:30';
    h.scheduler.rearm();
    expect(h.task.calls).toHaveLength(1);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-02T06:30:00.000+01:00');
    expect(h.timers.pending().map(isoLocal)).toEqual(['2026-02-02T06:30:00.000+01:00']);

    h.settings.tasks[0]!.time = '06:00'; // back to the time that is running right now
    h.scheduler.rearm();
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:00:00.000+01:00');
    await h.scheduler.checkNow();
    expect(h.task.calls).toHaveLength(1);

    h.settings.tasks[0]!.time = '06:30';
    h.scheduler.rearm();
    h.clock.set(at(2026, 2, 2, 6, 30)); // still running at the new time: refused, not doubled
    h.timers.fireDue(h.clock.now());
    await h.scheduler.checkNow();
    h.task.release();
    await h.runner.idle();
    expect(runsOf(h, 'generate_haiku_scheduled')).toHaveLength(1);
    expect(h.task.calls).toHaveLength(1);
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-03T06:30:00.000+01:00');
  });

  it('globally disabled: nothing is armed or runs and nextRunAt is null; enabling computes the next time from now', async () => {
    const settings = testSettings(out);
    settings.enabled = false;
    const h = harness(at(2026, 2, 2, 5, 0), settings);
    await start(h);
    for (const task of TASK_IDS) expect(h.scheduler.nextRunAt(task)).toBeNull();
    expect(h.timers.pending()).toEqual([]);
    await runUntil(h, at(2026, 2, 4, 12, 0));
    expect(h.runner.history()).toEqual([]);
    expect(h.db.prepare('SELECT COUNT(*) FROM task_state WHERE next_run_at IS NOT NULL').pluck().get()).toBe(0);

    h.settings.enabled = true;
    h.scheduler.rearm();
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-02-05T06:00:00.000+01:00');
    expect(h.timers.pending()).toHaveLength(3);
    expect(h.runner.history()).toEqual([]); // enabling never runs what passed while disabled

    h.settings.tasks[1]!.enabled = false;
    h.scheduler.rearm();
    expect(h.scheduler.nextRunAt('export_collection_markdown')).toBeNull();
    expect(h.timers.pending()).toHaveLength(2);
  });

  it('a system clock set back recomputes the next time instead of waiting for the old one', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    await start(h);
    h.clock.set(at(2026, 1, 10, 12, 0));
    await h.scheduler.checkNow();
    expect(iso(h.scheduler.nextRunAt('generate_haiku_scheduled'))).toBe('2026-01-11T06:00:00.000+01:00');
    expect(h.runner.history()).toEqual([]);
  });

  it('stop() cancels the timers and the minute check and waits for the run in progress', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    await start(h);
    expect(h.timers.intervalCount()).toBe(1);
    h.task.hold();
    h.clock.set(at(2026, 2, 2, 6, 0));
    h.timers.fireDue(h.clock.now());
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    expect(h.timers.pending()).toEqual([]);
    expect(h.timers.intervalCount()).toBe(0);
    h.task.release();
    await stopping;
    expect(runsOf(h, 'generate_haiku_scheduled')[0]?.status).toBe('completed');
    // Stopped: the wall check does nothing.
    h.clock.set(at(2026, 2, 3, 12, 0));
    await h.scheduler.checkNow();
    expect(h.runner.history()).toHaveLength(1);
  });

  it('a check that throws (settings unreadable) is logged, not thrown out of the timer; the next check works', async () => {
    const h = harness(at(2026, 2, 2, 5, 0), testSettings(out, { export_collection_markdown: null, export_collection_json: null }));
    await start(h);
    const good = h.settings;
    h.settings = undefined as unknown as Settings; // getSettings() now fails inside check()
    h.clock.set(at(2026, 2, 2, 6, 0));
    expect(() => h.timers.tickIntervals()).not.toThrow();
    await h.scheduler.checkNow();
    expect(h.lines.some((l) => l.includes('ERROR - scheduler check failed'))).toBe(true);
    h.settings = good;
    await h.scheduler.checkNow();
    expect(runsOf(h, 'generate_haiku_scheduled').map((r) => r.trigger)).toEqual(['schedule']);
  });
});

describe('arming after start (node-schedule loads while the host starts listening)', () => {
  /** Fake timers whose prepare() resolves only when the test says. */
  function slowPrepare(h: Harness) {
    let finish!: (ok: boolean) => void;
    const loading = new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error('module not found')))));
    const timers = { ...h.timers.timers, prepare: () => loading };
    h.scheduler = createScheduler({ db: h.db, clock: h.clock, log: createMemoryLogger(h.lines, 'scheduler', () => h.clock.now()), runner: h.runner, getSettings: () => h.settings, timers });
    return finish;
  }

  it('start() does not wait for prepare(): due runs start and next runs are kept at once, timers follow', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    const finish = slowPrepare(h);
    await h.scheduler.start();
    expect(h.timers.intervalCount()).toBe(1);
    expect(h.scheduler.nextRunAt('generate_haiku_scheduled')).toEqual(at(2026, 2, 2, 6, 0));
    expect(h.timers.pending()).toEqual([]);
    finish(true);
    await h.scheduler.whenArmed();
    expect(h.timers.pending()).toEqual(SEED_TASKS.map((task) => h.scheduler.nextRunAt(task)!).sort((a, b) => a.getTime() - b.getTime()));
  });

  it('stopped before prepare() resolves: nothing is armed afterwards', async () => {
    const h = harness(at(2026, 2, 2, 5, 0));
    const finish = slowPrepare(h);
    await h.scheduler.start();
    await h.scheduler.stop();
    finish(true);
    await h.scheduler.whenArmed();
    expect(h.timers.pending()).toEqual([]);
  });

  it('prepare() failing is logged; the minute check still runs the tasks', async () => {
    const h = harness(at(2026, 2, 2, 5, 59));
    const finish = slowPrepare(h);
    await start(h);
    finish(false);
    await h.scheduler.whenArmed();
    expect(h.lines.some((l) => l.includes("ERROR - the scheduler's timers cannot be loaded (module not found)"))).toBe(true);
    h.clock.set(at(2026, 2, 2, 6, 0));
    h.timers.tickIntervals();
    await h.runner.idle();
    expect(runsOf(h, 'generate_haiku_scheduled').map((r) => r.trigger)).toEqual(['schedule']);
  });
});

describe('realTimers (node-schedule)', () => {
  it('loads node-schedule in prepare(); arming before it is a bug', async () => {
    expect(() => realTimers.arm(new Date(Date.now() + 60_000), () => undefined)).toThrow(/before start\(\) loaded node-schedule/);
    await realTimers.prepare();
  });

  it('arms a one-shot node-schedule job at the Date and cancels it', () => {
    const before = Object.keys(schedule.scheduledJobs).length;
    let fired = 0;
    const handle = realTimers.arm(new Date(Date.now() + 3_600_000), () => fired++);
    expect(Object.keys(schedule.scheduledJobs).length).toBe(before + 1);
    handle.cancel();
    expect(Object.keys(schedule.scheduledJobs).length).toBe(before);
    expect(fired).toBe(0);
  });

  it('a Date already past falls back to a short timer, which cancel() also stops', () => {
    // Node's own timers, faked: the short timer's second passes at once, and only when told.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const past = () => new Date(Date.now() - 1000);
      let fired = 0;
      realTimers.arm(past(), () => fired++);
      expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
      vi.advanceTimersByTime(999);
      expect(fired).toBe(0);
      vi.advanceTimersByTime(1);
      expect(fired).toBe(1);

      const handle = realTimers.arm(past(), () => fired++);
      expect(vi.getTimerCount()).toBe(1);
      handle.cancel();
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(60_000);
      expect(fired).toBe(1);
      expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
