/**
 * Syncs linked sources: each one's job (sync-job.ts: open its reader — a file, or the Discogs
 * account through the API client — and run the diff) runs where `runJob` says: in the engine,
 * on the worker thread (background-import.ts), so neither the Discogs pacing nor a large diff
 * ever holds up the API, the tray or the scheduler. Here the outcome is recorded on the source.
 * A source that fails is recorded as failed and the others still sync; nothing of a failed
 * source changes. A cancel rolls back the source being synced, leaves its record as it was,
 * skips the rest and rejects with the `cancelled` error (the run shows as cancelled).
 */
import type { SourceSyncReport, SyncResult } from '../../../shared/sources.js';
import { formatSyncCounts } from '../../../shared/sources.js';
import { discogsBaseUrl } from '../discogs/client.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Fetcher, Logger } from '../types.js';
import { failureText } from '../failure-text.js';
import type { Db } from './database.js';
import { isCancellation } from './import-run.js';
import type { SourceStore } from './sources.js';
import { realSleep, runSyncJob, type SyncJobResult, type SyncJobSpec } from './sync-job.js';
import type { SyncProgress } from './sync.js';
import { SyncAborted } from './sync.js';
import type { WriteGate } from './write-gate.js';

export { realSleep } from './sync-job.js';

export interface SyncJobRunOptions {
  signal: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

/** Runs one source's job somewhere and answers its counts; rejects with `cancelled` on abort. */
export type SyncJobRunner = (spec: SyncJobSpec, options: SyncJobRunOptions) => Promise<SyncJobResult>;

export interface LinkedSyncDeps {
  db: Db;
  sources: SourceStore;
  clock: Clock;
  log: Logger;
  fetch: Fetcher;
  /** For AIME_DISCOGS_API_URL. */
  env: Record<string, string | undefined>;
  /** Default: a real timer. Tests pass one that returns at once. Used by the in-thread runner only. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Where a source's job runs. Default: on `db`, in this thread (tests of the diff). The engine passes the worker's. */
  runJob?: SyncJobRunner;
  /** The sources' records are written through it (after the job let go of the collection). */
  gate?: WriteGate;
}

export interface SyncRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress & { source: number }) => void;
}

export interface LinkedSync {
  syncOne(id: number, options?: SyncRunOptions): Promise<SourceSyncReport>;
  /** Every linked source in id order. */
  syncAll(options?: SyncRunOptions): Promise<SourceSyncReport[]>;
  /** Asks the sync in progress to stop and roll back; false when none is running. */
  cancel(): boolean;
  /** True while a sync runs in this process. */
  readonly running: boolean;
}

export function createLinkedSync(deps: LinkedSyncDeps): LinkedSync {
  const log = deps.log.child('sync');
  const runJob: SyncJobRunner =
    deps.runJob ??
    ((spec, options) =>
      runSyncJob(deps.db, spec, {
        fetch: deps.fetch,
        sleep: deps.sleep ?? realSleep,
        clock: deps.clock,
        signal: options.signal,
        onProgress: options.onProgress,
      }));
  /** The controllers of the syncs in progress: cancel() aborts them all. */
  const inProgress = new Set<AbortController>();

  /** A controller of this sync, which also follows the caller's signal. */
  function track(signal?: AbortSignal): { controller: AbortController; done(): void } {
    const controller = new AbortController();
    const follow = () => controller.abort(signal!.reason);
    if (signal?.aborted) follow();
    signal?.addEventListener('abort', follow, { once: true });
    inProgress.add(controller);
    return {
      controller,
      done: () => {
        signal?.removeEventListener('abort', follow);
        inProgress.delete(controller);
      },
    };
  }

  const record = (id: number, at: string, result: SyncResult): Promise<void> =>
    deps.gate ? deps.gate.run(() => deps.sources.recordResult(id, at, result)) : Promise.resolve(deps.sources.recordResult(id, at, result));

  async function syncSource(id: number, signal: AbortSignal, options: SyncRunOptions): Promise<SourceSyncReport> {
    const source = deps.sources.get(id);
    const now = isoLocal(deps.clock.now());
    const name = source.kind === 'discogs' ? `discogs:${source.location}` : source.location;
    let result: SyncResult;
    try {
      if (signal.aborted) throw new SyncAborted();
      const baseUrl = discogsBaseUrl(deps.env);
      const spec: SyncJobSpec = {
        source: { id: source.id, kind: source.kind, location: source.location },
        // Checked against the URL the requests go to: a token never leaves for another origin.
        token: source.kind === 'discogs' ? deps.sources.tokenFor(id, baseUrl) : null,
        discogsBaseUrl: source.kind === 'discogs' ? baseUrl : '',
        now,
      };
      const { counts } = await runJob(spec, {
        signal,
        onProgress: (progress) => options.onProgress?.({ ...progress, source: id }),
      });
      result = { status: 'completed', ...counts };
      log.info(`🔄 Sync ${source.kind} ${name}: ${formatSyncCounts(counts)} (${counts.unchanged} inchangés)`);
    } catch (error) {
      if (isCancellation(error) || signal.aborted) {
        // Rolled back: the source's record stays what it was, as does the collection.
        log.warn(`⏹️ Sync ${source.kind} ${name}: cancelled, nothing changed`);
        throw isCancellation(error) ? error : new SyncAborted();
      }
      const message = error instanceof Error ? error.message : String(error);
      result = { status: 'failed', error: message, text: failureText(error) };
      log.error(`❌ Sync ${source.kind} ${name}: ${message}`);
    }
    await record(id, now, result);
    return { source: deps.sources.get(id), result };
  }

  return {
    async syncOne(id, options = {}) {
      const tracked = track(options.signal);
      try {
        return await syncSource(id, tracked.controller.signal, options);
      } finally {
        tracked.done();
      }
    },
    async syncAll(options = {}) {
      const tracked = track(options.signal);
      try {
        const reports: SourceSyncReport[] = [];
        for (const source of deps.sources.list()) {
          reports.push(await syncSource(source.id, tracked.controller.signal, options));
        }
        return reports;
      } finally {
        tracked.done();
      }
    },
    cancel() {
      if (inProgress.size === 0) return false;
      for (const controller of inProgress) controller.abort(new SyncAborted());
      return true;
    },
    get running() {
      return inProgress.size > 0;
    },
  };
}
