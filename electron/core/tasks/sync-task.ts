/**
 * sync_collection: re-reads every linked source (collection/linked-sync.ts). Writes no file.
 * Completed when every source synced; failed, naming each source that did not, otherwise
 * (the others are synced all the same). Without a linked source there is nothing to do.
 */
import { AimeError } from '../../../shared/contract.js';
import { english, msg } from '../../../shared/messages/index.js';
import { formatSyncCounts } from '../../../shared/sources.js';
import type { TaskContext, TaskResult } from './types.js';

export const NO_SOURCE = msg('skip.no_source');
export const NO_SOURCE_MESSAGE = english(NO_SOURCE);

export async function runSyncTask(ctx: TaskContext): Promise<TaskResult> {
  if (!ctx.sync) throw new Error('sync_collection is not available in this process');
  const reports = await ctx.sync.syncAll({ signal: ctx.signal });
  const albumCount = ctx.db.prepare('SELECT count(*) FROM albums').pluck().get() as number;
  if (reports.length === 0) return { status: 'skipped', file: null, albumCount, warnings: [], message: NO_SOURCE };
  const name = (report: (typeof reports)[number]) =>
    report.source.kind === 'discogs' ? `discogs:${report.source.location}` : report.source.location;
  const failed = reports.filter((report) => report.result.status === 'failed');
  if (failed.length > 0) {
    const detail = failed.map((report) => `${name(report)}: ${report.result.status === 'failed' ? report.result.error : ''}`).join('; ');
    const failures = failed.map((report) =>
      msg('error.source_failed', {
        source: name(report),
        reason: report.result.status === 'failed' ? (report.result.text ?? msg('error.internal')) : null,
      }),
    );
    throw AimeError.said('run_failed', msg('error.sources_failed', { n: failed.length, failures }), undefined, detail);
  }
  ctx.log.info(
    `🔄 ${reports.length} source(s) synchronisée(s): ` +
      reports.map((r) => `${name(r)} ${r.result.status === 'completed' ? formatSyncCounts(r.result) : ''}`).join(', '),
  );
  return { status: 'completed', file: null, albumCount, warnings: [] };
}
