/**
 * `aime sync`: every linked source now, through the sync_collection task (history, single
 * flight), in the engine's worker thread. A live line on a terminal; Ctrl-C cancels (the source
 * being synced rolls back; exit code 130). Exit 0 only when every source synced.
 */
import { ERROR_CODES } from '../../shared/contract.js';
import type { CommandContext } from './context.js';
import { followImport } from './import-progress.js';
import { printJson } from './io.js';
import { describeSource } from './source-lines.js';
import { msg } from '../../shared/messages/index.js';
import { runSaid, say } from './say.js';

export async function execute({ io, api, json }: CommandContext): Promise<number> {
  const aime = await api();
  const stopFollowing = followImport(aime, io, { what: 'sync', cancel: () => aime.cancelSync() });
  let answer;
  try {
    answer = await aime.syncSources('cli');
  } finally {
    stopFollowing();
  }
  const { run, sources } = answer;
  if (json) printJson(io, answer);
  else {
    for (const source of sources) io.out(describeSource(source));
    if (run.status === 'skipped') io.err(say(msg('outcome.skipped', { task: run.task, reason: runSaid(run).reason ?? '' })));
  }
  if (run.status === 'failed') io.err(say(msg('outcome.failed', { task: run.task, reason: runSaid(run).reason ?? '' })));
  if (run.status === 'cancelled') {
    io.err(runSaid(run).reason ?? say(msg('error.sync_cancelled')));
    return ERROR_CODES.cancelled.exit;
  }
  return run.status === 'failed' ? 1 : 0;
}
