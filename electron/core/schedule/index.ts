/** The scheduler: next-occurrence rules, the single-flight runner with its history, the timers, the data-folder lock. */
export { nextOccurrence, scheduleKey, type ScheduleFields } from './occurrence.js';
export { createRunner, INTERRUPTED_MESSAGE, type Runner, type RunnerDeps } from './runner.js';
export {
  createScheduler,
  LATE_GRACE_MS,
  WALL_CHECK_INTERVAL_MS,
  type Scheduler,
  type SchedulerDeps,
  type SchedulerTimers,
} from './scheduler.js';
export { acquireDataLock, readLockHolder, LOCK_FILE_NAME, type DataLock, type LockHolder } from './data-lock.js';
