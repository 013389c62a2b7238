/**
 * The task executor the scheduler calls: runs one task, then — only when it completed —
 * applies retention to that task's kind of file (DESIGN.md §3). A failure throws before
 * retention, so a failed run never deletes anything.
 */
import path from 'node:path';
import { TASKS, type TaskId } from '../../../shared/tasks.js';
import { applyRetention } from '../output/retention.js';
import { ensureOutputDir } from '../output/output-folder.js';
import { runJsonExport, runMarkdownExport } from './export-tasks.js';
import { runHaikuTask } from './haiku-task.js';
import type { TaskContext, TaskExecutor, TaskOutcome, TaskResult } from './types.js';

const RUNNERS: Record<TaskId, (ctx: TaskContext) => Promise<TaskResult>> = {
  generate_haiku_scheduled: runHaikuTask,
  export_collection_markdown: runMarkdownExport,
  export_collection_json: runJsonExport,
};

export const executeTask: TaskExecutor = async (task, ctx) => {
  const runner = RUNNERS[task];
  if (!runner) throw new Error(`unknown task "${String(task)}"`);
  await ensureOutputDir(ctx.outputDir);
  const result = await runner(ctx);
  const outcome: TaskOutcome = { ...result, deleted: [] };
  if (result.status !== 'completed' || result.file === null) return outcome;
  const retention = await applyRetention(
    ctx.outputDir,
    TASKS[task].kind,
    ctx.maxFilesPerType,
    ctx.log,
    path.basename(result.file),
  );
  return { ...outcome, warnings: [...outcome.warnings, ...retention.warnings], deleted: retention.deleted };
};

export { runHaikuTask, pickRandomAlbums, renderHaikuFile, EMPTY_COLLECTION_MESSAGE } from './haiku-task.js';
export { runJsonExport, runMarkdownExport } from './export-tasks.js';
export { displayNames, withoutDisambiguation } from './artist-names.js';
