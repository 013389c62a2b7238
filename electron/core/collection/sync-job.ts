/**
 * One linked source's sync as a job: what the engine hands to the worker thread (plain data,
 * the token already unsealed: the sealer may be Electron's safeStorage, which a worker lacks),
 * and the code that runs it on whichever connection it is given. The worker runs it on its
 * own connection; tests of the diff may run it on theirs.
 */
import type { SourceKind, SyncCounts } from '../../../shared/sources.js';
import { discogsAlbums } from '../discogs/collection.js';
import type { Clock, Fetcher } from '../types.js';
import { NoteList } from './album-writer.js';
import type { Db } from './database.js';
import { openSourceAlbums } from './source-albums.js';
import { syncSource, type SyncProgress } from './sync.js';

export interface SyncJobSource {
  id: number;
  kind: SourceKind;
  location: string;
}

export interface SyncJobSpec {
  source: SyncJobSource;
  /** The Discogs token in clear, for the Authorization header only; null without one. */
  token: string | null;
  /** The Discogs API's base URL (AIME_DISCOGS_API_URL, checked by the engine). */
  discogsBaseUrl: string;
  /** ISO local time of the sync (created_at of added albums). */
  now: string;
}

export interface SyncJobControl {
  fetch: Fetcher;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  clock: Clock;
  signal?: AbortSignal;
  cancelled?: () => boolean;
  acquireWrite?: () => Promise<() => void>;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncJobResult {
  counts: SyncCounts;
  notes: string[];
}

export async function runSyncJob(db: Db, spec: SyncJobSpec, control: SyncJobControl): Promise<SyncJobResult> {
  const notes = new NoteList();
  const opened = openSourceAlbums(spec.source, {
    db,
    clock: control.clock,
    notes,
    discogs: (username) =>
      discogsAlbums(username, {
        fetch: control.fetch,
        sleep: control.sleep,
        baseUrl: spec.discogsBaseUrl,
        token: spec.token,
        signal: control.signal,
        now: spec.now,
      }),
  });
  try {
    const counts = await syncSource(db, spec.source, opened.albums, {
      now: spec.now,
      notes,
      signal: control.signal,
      cancelled: control.cancelled,
      acquireWrite: control.acquireWrite,
      onProgress: control.onProgress,
    });
    return { counts, notes: notes.lines };
  } finally {
    opened.close();
  }
}

/** A real wait, cut short (rejecting) when `signal` aborts. */
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
