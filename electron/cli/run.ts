/** `aime run <task>`: runs a task now; the written file is the last line on stdout. */
import type { RunResult } from '../../shared/api.js';
import { AimeError } from '../../shared/contract.js';
import { TASK_IDS, isTaskId } from '../../shared/tasks.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';
import { requireArg } from './args.js';

function describeRun(result: RunResult): string[] {
  const lines = result.warnings.map((w) => `warning: ${w}`);
  if (result.status === 'failed') return [...lines, `${result.task} failed: ${result.error ?? 'unknown error'}`];
  if (result.status === 'skipped') return [...lines, `${result.task} skipped: ${result.error ?? 'nothing to do'}`];
  return [...lines, result.file ?? ''];
}

export async function execute({ args, io, api, json }: CommandContext): Promise<number> {
  const task = requireArg(args[0], 'task name', 'run');
  if (!isTaskId(task)) {
    throw new AimeError('not_found', `unknown task ${JSON.stringify(task)}; valid tasks: ${TASK_IDS.join(', ')}`);
  }
  const result = await (await api()).runNow(task, 'cli');
  if (json) printJson(io, result);
  else {
    const lines = describeRun(result);
    lines.slice(0, -1).forEach(io.err);
    (result.status === 'completed' ? io.out : io.err)(lines.at(-1)!);
  }
  return result.status === 'failed' ? 1 : 0;
}
