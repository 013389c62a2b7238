/** `aime sync`: every linked source now, through the sync_collection task (history, single flight). */
import type { CommandContext } from './context.js';
import { printJson } from './io.js';
import { describeSource } from './source-lines.js';
import { msg } from '../../shared/messages/index.js';
import { runSaid, say } from './say.js';

export async function execute({ io, api, json }: CommandContext): Promise<number> {
  const answer = await (await api()).syncSources('cli');
  const { run, sources } = answer;
  if (json) printJson(io, answer);
  else {
    for (const source of sources) io.out(describeSource(source));
    if (run.status === 'skipped') io.err(say(msg('outcome.skipped', { task: run.task, reason: runSaid(run).reason ?? '' })));
  }
  if (run.status === 'failed') io.err(say(msg('outcome.failed', { task: run.task, reason: runSaid(run).reason ?? '' })));
  return run.status === 'failed' ? 1 : 0;
}
