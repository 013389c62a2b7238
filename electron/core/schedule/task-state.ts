/**
 * `task_state`: the persisted next run of each task, the scheduler's source of truth. Stored
 * with the schedule it was computed from (`schedule_key`), so a change made while the app was
 * closed is noticed at start.
 */
import type { TaskId } from '../../../shared/tasks.js';
import type { Db } from '../collection/database.js';

export interface TaskState {
  /** Epoch ms; null when the task (or the whole scheduler) is disabled. */
  nextRunAt: number | null;
  scheduleKey: string | null;
}

export function createTaskStateStore(db: Db) {
  const select = db.prepare<[TaskId], { next_run_at: number | null; schedule_key: string | null }>(
    `SELECT next_run_at, schedule_key FROM task_state WHERE task = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO task_state (task, next_run_at, schedule_key) VALUES (@task, @next, @key)
     ON CONFLICT(task) DO UPDATE SET next_run_at = excluded.next_run_at, schedule_key = excluded.schedule_key`,
  );
  const advance = db.prepare(`UPDATE task_state SET next_run_at = ? WHERE task = ? AND next_run_at = ?`);

  return {
    get(task: TaskId): TaskState {
      const row = select.get(task);
      return { nextRunAt: row?.next_run_at ?? null, scheduleKey: row?.schedule_key ?? null };
    },
    set(task: TaskId, state: TaskState): void {
      upsert.run({ task, next: state.nextRunAt, key: state.scheduleKey });
    },
    /**
     * Moves next_run_at from `from` to `to` only if it still is `from`: of two schedulers that
     * see the same due occurrence, one wins. Returns whether this one did.
     */
    advance(task: TaskId, from: number, to: number): boolean {
      return advance.run(to, task, from).changes === 1;
    },
  };
}

export type TaskStateStore = ReturnType<typeof createTaskStateStore>;
