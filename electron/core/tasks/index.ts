/**
 * The task executor the scheduler calls: runs one task, then — only when it completed —
 * applies retention to that task's kind of file (DESIGN.md §3). A failure throws before
 * retention, so a failed run never deletes anything.
 */
import path from 'node:path';
import { english, msg } from '../../../shared/messages/index.js';
import { TASKS, type TaskId } from '../../../shared/tasks.js';
import { applyRetention } from '../output/retention.js';
import { ensureOutputDir } from '../output/output-folder.js';
import { runJsonExport, runMarkdownExport } from './export-tasks.js';
import { runHaikuTask } from './haiku-task.js';
import { runSyncTask } from './sync-task.js';
import type { TaskContext, TaskExecutor, TaskOutcome, TaskResult } from './types.js';

const RUNNERS: Record<TaskId, (ctx: TaskContext) => Promise<TaskResult>> = {
  generate_haiku_scheduled: runHaikuTask,
  export_collection_markdown: runMarkdownExport,
  export_collection_json: runJsonExport,
  sync_collection: runSyncTask,
};

export const executeTask: TaskExecutor = async (task, ctx) => {
  const runner = RUNNERS[task];
  if (!runner) throw new Error(`unknown task "${String(task)}"`);
  await ensureOutputDir(ctx.outputDir);
  const result = await runner(ctx);
  const outcome: TaskOutcome = { ...result, deleted: [] };
  const kind = TASKS[task].kind;
  if (result.status !== 'completed' || result.file === null || kind === null) return outcome;
  if (ctx.retentionPaused !== undefined) {
    const warning = msg('warning.files_kept', { reason: ctx.retentionPaused });
    ctx.log.warn(english(warning));
    return { ...outcome, warnings: [...outcome.warnings, warning] };
  }
  const retention = await applyRetention(
    ctx.outputDir,
    kind,
    ctx.maxFilesPerType,
    ctx.log,
    path.basename(result.file),
  );
  return { ...outcome, warnings: [...outcome.warnings, ...retention.warnings], deleted: retention.deleted };
};

export { runHaikuTask, pickRandomAlbums, renderHaikuFile, EMPTY_COLLECTION, EMPTY_COLLECTION_MESSAGE } from './haiku-task.js';
export { runJsonExport, runMarkdownExport } from './export-tasks.js';
export { displayNames, withoutDisambiguation } from './artist-names.js';
