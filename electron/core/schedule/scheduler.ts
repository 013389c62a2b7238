/**
 * The scheduler. node-schedule alone misfires around sleep and DST (runs pushed back by the
 * sleep, bursts on wake, an hour skipped or doubled), so:
 * - the source of truth is `task_state.next_run_at`, computed by `nextOccurrence` from the
 *   wall clock and persisted with the schedule it came from;
 * - node-schedule only arms a one-shot timer at that Date (never a recurrence rule);
 * - a wall-clock check (at most once a minute, and `checkNow()` on resume from sleep) runs any
 *   task whose next_run_at has passed — once — and computes the next time from *now*, so a
 *   long sleep gives one run, not a burst;
 * - the occurrence is claimed in SQLite before it runs (task_state compare-and-set, then the
 *   runs_one_per_occurrence index), so two timers or two processes never run it twice.
 * A due occurrence more than LATE_GRACE_MS late was missed (app closed, machine asleep): it
 * runs with trigger "catch-up" when catch_up_missed_runs is on, otherwise it is skipped.
 */
import type NodeSchedule from 'node-schedule';
import type { Settings, TaskConfig } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import { TASK_IDS, type RunTrigger, type TaskId } from '../../../shared/tasks.js';
import type { Db } from '../collection/database.js';
import type { WriteGate } from '../collection/write-gate.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { nextOccurrence, scheduleKey } from './occurrence.js';
import type { Runner } from './runner.js';
import { createTaskStateStore } from './task-state.js';

/** How late a timer may fire and still count as on time (the wall check runs every minute). */
export const LATE_GRACE_MS = 5 * 60_000;
export const WALL_CHECK_INTERVAL_MS = 60_000;
/** How long after start() the one-shot timers are armed (realTimers); the minute check covers the gap. */
export const ARM_DELAY_MS = 500;

export interface SchedulerTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** A one-shot timer at `at`. Without it, only the wall-clock check runs tasks. */
  arm?(at: Date, fn: () => void): { cancel(): void };
  /** Loads what `arm` needs; no timer is armed before it resolves. */
  prepare?(): Promise<void>;
}

/**
 * node-schedule (with luxon and cron-parser, a third of the engine's code) is loaded only when
 * a scheduler starts: `aime status`, `run` and `config` never arm a timer and skip its cost.
 */
let nodeSchedule: typeof NodeSchedule | undefined;

export interface SchedulerDeps {
  /**
   * While an import holds it, the scheduler's writes (task_state, the runs it starts) wait for
   * it: the check runs when the import lets go, so a task due meanwhile runs then, once.
   */
  gate?: WriteGate;
  db: Db;
  clock: Clock;
  log: Logger;
  runner: Runner;
  getSettings(): Settings;
  /** Real timers (setInterval + node-schedule) by default; tests inject fakes. */
  timers?: SchedulerTimers;
}

export interface Scheduler {
  /**
   * Restores or computes next_run_at per task, runs (without awaiting) what was missed, starts the
   * minute check; the one-shot timers are armed as soon as `prepare` has loaded (see whenArmed).
   */
  start(): Promise<void>;
  /** Resolves once the one-shot timers are armed (or could not be: then the minute check runs tasks alone). */
  whenArmed(): Promise<void>;
  /** Settings changed: tasks whose schedule or enabled state changed get a next time from now (no-op before start). */
  rearm(): void;
  /** The wall-clock check: every task whose next_run_at has passed runs once. Resolves when those runs end. */
  checkNow(): Promise<void>;
  /** null when the task or the scheduler is disabled. Pure read: no write, no re-arming. */
  nextRunAt(task: TaskId): Date | null;
  /** Cancels the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

export const realTimers: Required<SchedulerTimers> = {
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  async prepare() {
    if (!nodeSchedule) {
      // A moment after the start, so that `aime serve` and the app answer first: loading
      // node-schedule with luxon and arming (luxon's first Intl call) take ~25 ms of CPU, and
      // the start's own check has already run whatever is due. Unref'd: it holds no process open.
      await new Promise<void>((resolve) => setTimeout(resolve, ARM_DELAY_MS).unref());
    }
    nodeSchedule ??= (await import('node-schedule')).default;
  },
  arm(at, fn) {
    if (!nodeSchedule) throw new Error('the scheduler armed a timer before start() loaded node-schedule');
    const job = new nodeSchedule.Job(fn);
    if (job.schedule(at)) return { cancel: () => void job.cancel() };
    // node-schedule refuses a Date already past, yet keeps the refused job in its registry
    // (node-schedule 2.1.1, Job.prototype.schedule): drop it, and fire shortly instead.
    (job as unknown as { deleteFromSchedule(): void }).deleteFromSchedule();
    const handle = setTimeout(fn, 1000);
    return { cancel: () => clearTimeout(handle) };
  },
};

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { clock, log, runner } = deps;
  const timers = deps.timers ?? realTimers;
  const states = createTaskStateStore(deps.db);
  const armed = new Map<TaskId, { at: number; cancel(): void }>();
  let started = false;
  let prepared = !timers.prepare;
  let preparing: Promise<void> | null = null;
  let interval: unknown = null;

  const activeConfig = (settings: Settings, task: TaskId): TaskConfig | null => {
    const config = settings.tasks.find((t) => t.name === task);
    return settings.enabled && config?.enabled ? config : null;
  };

  /** Brings task_state in line with the settings and the clock. Never starts a run. */
  function reconcile(settings: Settings, now: Date): void {
    for (const task of TASK_IDS) {
      try {
        reconcileTask(task, activeConfig(settings, task), now);
      } catch (error) {
        log.error(`${task}: cannot compute its next run: ${errorMessage(error)}`);
      }
    }
  }

  function reconcileTask(task: TaskId, config: TaskConfig | null, now: Date): void {
    const state = states.get(task);
    if (!config) {
      if (state.nextRunAt !== null) {
        states.set(task, { nextRunAt: null, scheduleKey: state.scheduleKey });
        log.info(`${task}: disabled, no next run`);
      }
      return;
    }
    const key = scheduleKey(config);
    const fromNow = nextOccurrence(config, now).getTime();
    let why: string | null = null;
    if (state.nextRunAt === null) why = 'enabled';
    else if (state.scheduleKey !== key) why = 'schedule changed';
    // next_run_at only ever moves forward with the clock; later than the first slot after
    // now means the system clock was set back.
    else if (state.nextRunAt > fromNow) why = 'the system clock went back';
    if (why === null) return;
    states.set(task, { nextRunAt: fromNow, scheduleKey: key });
    log.info(`${task}: next run ${isoLocal(new Date(fromNow))} (${why})`);
  }

  /** Starts the run of each due task; returns their promises (never rejecting). */
  function runDue(settings: Settings, now: Date): Array<Promise<void>> {
    const runs: Array<Promise<void>> = [];
    for (const task of TASK_IDS) {
      const config = activeConfig(settings, task);
      const due = states.get(task).nextRunAt;
      if (!config || due === null || due > now.getTime()) continue;
      const run = runOccurrence(task, config, due, now, settings.catch_up_missed_runs);
      if (run) runs.push(run);
    }
    return runs;
  }

  function runOccurrence(task: TaskId, config: TaskConfig, due: number, now: Date, catchUp: boolean) {
    const occurrence = new Date(due);
    const next = nextOccurrence(config, now);
    if (!states.advance(task, due, next.getTime())) {
      log.info(`${task}: the run of ${isoLocal(occurrence)} was taken by another scheduler`);
      return null;
    }
    const missed = now.getTime() - due > LATE_GRACE_MS;
    if (missed && !catchUp) {
      log.info(
        `⏭️ ${task}: missed run of ${isoLocal(occurrence)} skipped (catching up missed runs is off); next ${isoLocal(next)}`,
      );
      return null;
    }
    const trigger: RunTrigger = missed ? 'catch-up' : 'schedule';
    log.info(`⏰ ${task}: run of ${isoLocal(occurrence)} (${trigger}); next ${isoLocal(next)}`);
    return runner.run(task, trigger, occurrence).then(
      () => undefined,
      (error: unknown) => {
        // Refused (running already, or claimed elsewhere): this occurrence is simply not run here.
        if (error instanceof AimeError && error.code === 'already_running') {
          log.warn(`${task}: scheduled run of ${isoLocal(occurrence)} not started: ${error.message}`);
        } else log.error(`${task}: scheduled run of ${isoLocal(occurrence)} failed to start: ${errorMessage(error)}`);
      },
    );
  }

  /** One timer per active task, at its persisted next_run_at (none until `prepare` has loaded what `arm` needs). */
  function armTimers(): void {
    const arm = prepared ? timers.arm?.bind(timers) : undefined;
    const settings = deps.getSettings();
    for (const task of TASK_IDS) {
      const next = activeConfig(settings, task) ? states.get(task).nextRunAt : null;
      const current = armed.get(task);
      if (started && current && current.at === next) continue;
      current?.cancel();
      armed.delete(task);
      if (!started || next === null || !arm) continue;
      const entry = { at: next, cancel: () => {} };
      const handle = arm(new Date(next), () => {
        if (armed.get(task) === entry) armed.delete(task);
        void check();
      });
      entry.cancel = () => handle.cancel();
      armed.set(task, entry);
    }
  }

  /** The wall-clock check. Synchronous until the runs are started, so a timer and the interval firing together cannot both start one occurrence. */
  function check(): Promise<void> {
    if (!started) return Promise.resolve();
    if (deps.gate?.busy) return deps.gate.run(check);
    let runs: Array<Promise<void>> = [];
    try {
      const now = clock.now();
      const settings = deps.getSettings();
      reconcile(settings, now);
      runs = runDue(settings, now);
      armTimers();
    } catch (error) {
      // Called from timers: a throw here would take the whole process down. The next check retries.
      log.error(`scheduler check failed: ${errorMessage(error)}`);
    }
    return Promise.all(runs).then(() => undefined);
  }

  return {
    async start() {
      if (started) return;
      started = true;
      interval = timers.setInterval(() => void check(), WALL_CHECK_INTERVAL_MS);
      // Missed runs start now but are not awaited: the app (and `aime serve`) is usable meanwhile.
      void check();
      // The precise timers are armed once node-schedule has loaded (realTimers.prepare), without
      // holding up the start: `aime serve` listens and answers meanwhile. Until then the
      // wall-clock check above has already run everything due.
      preparing ??= (timers.prepare?.() ?? Promise.resolve()).then(
        () => {
          prepared = true;
          if (started) armTimers();
        },
        (error: unknown) => log.error(`the scheduler's timers cannot be loaded (${errorMessage(error)}); the minute check runs the tasks`),
      );
    },

    whenArmed: () => preparing ?? Promise.resolve(),

    rearm() {
      // Only the process that runs the timers keeps next_run_at; it reconciles again at start().
      if (!started) return;
      if (deps.gate?.busy) {
        void deps.gate.run(() => this.rearm());
        return;
      }
      reconcile(deps.getSettings(), clock.now());
      armTimers();
    },

    checkNow: () => check(),

    nextRunAt(task) {
      // A read: it never writes task_state nor touches the timers (every settings change
      // already re-armed them through rearm()). What it shows is what the timers use.
      const config = activeConfig(deps.getSettings(), task);
      if (!config) return null;
      const state = states.get(task);
      // No next run kept for this schedule (`aime status` with no scheduler running, or a change
      // rearm() has not seen yet): the one a scheduler would compute now, not saved.
      if (state.nextRunAt === null || state.scheduleKey !== scheduleKey(config)) {
        return nextOccurrence(config, clock.now());
      }
      return new Date(state.nextRunAt);
    },

    async stop() {
      if (!started) return runner.idle();
      started = false;
      if (interval !== null) timers.clearInterval(interval);
      interval = null;
      armTimers(); // with started=false this cancels every timer
      await runner.idle();
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
