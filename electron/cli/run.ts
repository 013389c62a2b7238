/** `aime run <task>`: runs a task now; the written file is the last line on stdout. */
import type { RunResult } from '../../shared/api.js';
import { AimeError } from '../../shared/contract.js';
import { TASK_IDS, isTaskId } from '../../shared/tasks.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';
import { requireArg } from './args.js';
import { msg } from '../../shared/messages/index.js';
import { runSaid, say } from './say.js';

function describeRun(result: RunResult): string[] {
  const { reason, warnings } = runSaid(result);
  const lines = warnings.map((warning) => say(msg('outcome.warning', { warning })));
  if (result.status === 'failed') return [...lines, say(msg('outcome.failed', { task: result.task, reason: reason ?? say(msg('error.run_failed')) }))];
  if (result.status === 'skipped') return [...lines, say(msg('outcome.skipped', { task: result.task, reason: reason ?? '' }))];
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
