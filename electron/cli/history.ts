/** `aime history [--limit N]`: the latest runs, newest first. */
import path from 'node:path';
import { AimeError } from '../../shared/contract.js';
import { IMPORT_RUN } from '../../shared/tasks.js';
import { paint, paintStatus } from './colour.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';
import { runSaid } from './say.js';

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 20;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) {
    throw new AimeError('invalid_input', `--limit must be a whole number from 1 to 1000 (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

export async function execute({ values, io, api, json }: CommandContext): Promise<number> {
  const limit = parseLimit(values.limit as string | undefined);
  const runs = await (await api()).history(limit);
  if (json) {
    printJson(io, runs);
    return 0;
  }
  if (runs.length === 0) io.out('no runs yet');
  const p = paint(io);
  for (const run of runs) {
    const reason = runSaid(run).reason;
    // A task's file is what it wrote (→), an import's what it read (←), with the albums it added.
    const file = run.file ? path.basename(run.file) : null;
    const outcome = reason ? `: ${reason}` : !file ? '' : run.task === IMPORT_RUN ? ` ← ${file} (+${run.album_count ?? 0})` : ` → ${file}`;
    io.out(`${run.started_at}  ${run.task} (${run.trigger}) ${paintStatus(p, run.status)}${outcome}`);
  }
  return 0;
}
