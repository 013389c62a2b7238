/**
 * `aime status`: whether a scheduler runs on this data folder and where (read from the lock
 * file its holder writes), the collection, and each task's next and last run.
 */
import path from 'node:path';
import { readLockHolder, type LockHolder } from '../core/schedule/data-lock.js';
import { paint, paintStatus } from './colour.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';

/** "the desktop app on port 8000 (pid 42)", "aime serve on port 8080 (pid 7)", "this process". */
export function describeHolder(holder: LockHolder): string {
  if (holder.self) return 'this process';
  const program = holder.program === 'app' ? 'the desktop app' : holder.program === 'serve' ? 'aime serve' : 'another AIME process';
  return `${program}${holder.port !== null ? ` on port ${holder.port}` : ''} (pid ${holder.pid})`;
}

export function describeScheduler(enabled: boolean, holder: LockHolder | null): string {
  const where = holder ? `running in ${describeHolder(holder)}` : 'not running (no desktop app or aime serve is open on this data folder)';
  return `scheduler: ${where}; timers ${enabled ? 'enabled' : 'paused'}`;
}

export async function execute({ io, api: getApi, dataDir, json }: CommandContext): Promise<number> {
  const api = await getApi();
  const status = await api.status();
  const stats = await api.collectionStats();
  const holder = readLockHolder(dataDir);
  if (json) {
    const scheduler = { enabled: status.running, running: holder !== null, holder };
    printJson(io, { scheduler, now: status.now, collection: stats, tasks: status.tasks });
    return 0;
  }
  const p = paint(io);
  io.out(describeScheduler(status.running, holder));
  io.out(`collection: ${stats.albums} albums, ${stats.artists} artists`);
  for (const task of status.tasks) {
    const last = task.last_run;
    io.out(
      `${task.name}: ${task.enabled ? 'enabled' : p.dim('disabled')}, next ${task.next_run_at ?? '—'}, last ${
        last ? `${paintStatus(p, last.status)} at ${last.started_at}${last.file ? ` → ${path.basename(last.file)}` : ''}` : 'never'
      }`,
    );
  }
  return 0;
}
