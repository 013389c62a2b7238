/**
 * What the scheduler runs in its tests: a task that really writes a small file (and can be held
 * or made to fail), and default settings with chosen task times.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings, type Settings } from '../../shared/config.js';
import type { RunTrigger, TaskId } from '../../shared/tasks.js';
import type { TaskOutcome } from '../../electron/core/tasks/types.js';
import { fileStamp } from '../../electron/core/time-format.js';
import type { Clock } from '../../electron/core/types.js';

/** Default settings with every task on its seed time, or `times` per task (null disables it). */
export function testSettings(outputDir: string, times: Partial<Record<TaskId, string | null>> = {}): Settings {
  const settings = defaultSettings(outputDir);
  for (const task of settings.tasks) {
    const time = times[task.name];
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
