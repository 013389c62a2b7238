/** `aime status`: the scheduler, the collection, each task's next and last run. */
import path from 'node:path';
import type { CommandContext } from './context.js';

export async function execute({ io, api: getApi }: CommandContext): Promise<number> {
  const api = await getApi();
  const status = await api.status();
  const stats = await api.collectionStats();
  io.out(`scheduler: ${status.running ? 'running' : 'paused'}`);
  io.out(`collection: ${stats.albums} albums, ${stats.artists} artists`);
  for (const task of status.tasks) {
    const last = task.last_run;
    io.out(
      `${task.name}: ${task.enabled ? 'enabled' : 'disabled'}, next ${task.next_run_at ?? '—'}, last ${
        last ? `${last.status} at ${last.started_at}${last.file ? ` → ${path.basename(last.file)}` : ''}` : 'never'
      }`,
    );
  }
  return 0;
}
