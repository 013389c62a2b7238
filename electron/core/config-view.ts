/** Settings → the seed's `GET …/scheduler/config` body (and the task view the UI edits). */
import type { SchedulerConfigView } from '../../shared/api.js';
import type { Settings, TaskConfig, TaskPatch } from '../../shared/config.js';

export function configView(settings: Settings, outputDir: string): SchedulerConfigView {
  return {
    enabled: settings.enabled,
    output_dir: outputDir,
    max_files_per_type: settings.max_files_per_type,
    catch_up_missed_runs: settings.catch_up_missed_runs,
    tasks: settings.tasks.map((task) => ({
      name: task.name,
      enabled: task.enabled,
      frequency: task.frequency,
      unit: task.unit,
      time: task.time,
      day: task.day,
      description: task.description,
    })),
  };
}

/**
 * Applies a patch to a task. Switching the unit without naming a day picks the day that unit
 * needs (Monday for weekly, the 1st for monthly, none otherwise) so a unit change alone is valid.
 */
export function patchTask(task: TaskConfig, patch: TaskPatch): TaskConfig {
  const next = { ...task, ...patch } as TaskConfig;
  if (patch.unit !== undefined && patch.day === undefined) {
    if (next.unit === 'week' && typeof next.day !== 'string') next.day = 'monday';
    else if (next.unit === 'month' && typeof next.day !== 'number') next.day = 1;
    else if (next.unit === 'day' || next.unit === 'hour') next.day = null;
  }
  return next;
}
