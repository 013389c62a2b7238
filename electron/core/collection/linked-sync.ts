/**
 * Syncs linked sources: opens each one's reader (a file, or the Discogs account through the
 * API client), runs the diff (sync.ts) and records the outcome on the source. A source that
 * fails is recorded as failed and the others still sync; nothing of a failed source changes.
 */
import type { SourceSyncReport, SyncResult } from '../../../shared/sources.js';
import { formatSyncCounts } from '../../../shared/sources.js';
import { discogsAlbums } from '../discogs/collection.js';
import { discogsBaseUrl } from '../discogs/client.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Fetcher, Logger } from '../types.js';
import { NoteList } from './album-writer.js';
import type { Db } from './database.js';
import { openSourceAlbums } from './source-albums.js';
import type { SourceStore } from './sources.js';
import { syncSource, type SyncProgress } from './sync.js';

export interface LinkedSyncDeps {
  db: Db;
  sources: SourceStore;
  clock: Clock;
  log: Logger;
  fetch: Fetcher;
  /** For AIME_DISCOGS_API_URL. */
  env: Record<string, string | undefined>;
  /** Default: a real timer. Tests pass one that returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SyncRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress & { source: number }) => void;
}

export interface LinkedSync {
  syncOne(id: number, options?: SyncRunOptions): Promise<SourceSyncReport>;
  /** Every linked source in id order. */
  syncAll(options?: SyncRunOptions): Promise<SourceSyncReport[]>;
}

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createLinkedSync(deps: LinkedSyncDeps): LinkedSync {
  const log = deps.log.child('sync');

  async function syncOne(id: number, options: SyncRunOptions = {}): Promise<SourceSyncReport> {
    const source = deps.sources.get(id);
    const now = isoLocal(deps.clock.now());
    const name = source.kind === 'discogs' ? `discogs:${source.location}` : source.location;
    const notes = new NoteList();
    let result: SyncResult;
    try {
      const opened = openSourceAlbums(source, {
        db: deps.db,
        clock: deps.clock,
        notes,
        discogs: (username) => {
          const baseUrl = discogsBaseUrl(deps.env);
          return discogsAlbums(username, {
            fetch: deps.fetch,
            sleep: deps.sleep ?? realSleep,
            baseUrl,
            // Checked against the URL the requests go to: a token never leaves for another origin.
            token: deps.sources.tokenFor(id, baseUrl),
            signal: options.signal,
            now,
          });
        },
      });
      try {
        const counts = await syncSource(deps.db, source, opened.albums, {
          now,
          notes,
          signal: options.signal,
          onProgress: (progress) => options.onProgress?.({ ...progress, source: id }),
        });
        result = { status: 'completed', ...counts };
        log.info(`🔄 Sync ${source.kind} ${name}: ${formatSyncCounts(counts)} (${counts.unchanged} inchangés)`);
      } finally {
        opened.close();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { status: 'failed', error: message };
      log.error(`❌ Sync ${source.kind} ${name}: ${message}`);
    }
    deps.sources.recordResult(id, now, result);
    return { source: deps.sources.get(id), result };
  }

  return {
    syncOne,
    async syncAll(options = {}) {
      const reports: SourceSyncReport[] = [];
      for (const source of deps.sources.list()) {
        options.signal?.throwIfAborted();
        reports.push(await syncOne(source.id, options));
      }
      return reports;
    },
  };
}
