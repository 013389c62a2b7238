/**
 * A linked source's sync, as a diff: the albums the source has now are matched with the ones
 * it gave before by their id there (albums.source_id + external_id); new ones are added,
 * changed ones updated in place (same album id), and the ones the source no longer has are
 * removed. Albums of other sources and of one-shot imports are never read or written.
 *
 * Two phases, so a slow source (the Discogs API, paced) never holds the write lock: the
 * source is first read into a TEMP table (its own file, no lock on the collection), then the
 * diff is applied in one transaction. An abort in either phase leaves the collection as it was.
 * A plain function over a connection, so it runs as well on the engine's connection as on a
 * worker thread's.
 */
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import type { SyncCounts } from '../../../shared/sources.js';
import { NoteList, createAlbumWriter } from './album-writer.js';
import type { Db } from './database.js';
import type { IncomingAlbum } from './incoming.js';

export interface SyncProgress {
  phase: 'read' | 'apply';
  done: number;
  /** Known in the apply phase (what was read). */
  total: number | null;
}

export interface SyncOptions {
  /** ISO local time: created_at of the albums added. */
  now: string;
  signal?: AbortSignal;
  /**
   * Polled with the signal; true stops the sync. A worker's shared flag, which is read inside
   * the apply phase's synchronous transaction, where an abort event could not be delivered.
   */
  cancelled?: () => boolean;
  /**
   * Waits until the sync may write the collection and returns the release (the write gate, so
   * the engine's own writes wait instead of failing). Default: no gate.
   */
  acquireWrite?: () => Promise<() => void>;
  onProgress?: (progress: SyncProgress) => void;
  /** Notes from the source's reader and the writer (capped). */
  notes?: NoteList;
}

const STAGE = 'temp.aime_sync_stage';
const READ_BATCH = 500;
const APPLY_CHUNK = 1000;

/** A sync stopped at the user's request: it rolled back (the runner records it as cancelled). */
export class SyncAborted extends AimeError {
  constructor() {
    super('cancelled', 'sync cancelled: the collection is unchanged', undefined, msg('error.sync_cancelled'));
  }
}

export async function syncSource(
  db: Db,
  source: { id: number },
  albums: AsyncIterable<IncomingAlbum> | Iterable<IncomingAlbum>,
  options: SyncOptions,
): Promise<SyncCounts> {
  const notes = options.notes ?? new NoteList();
  const stopped = (): boolean => options.signal?.aborted === true || options.cancelled?.() === true;
  const checkAbort = (): void => {
    if (stopped()) throw new SyncAborted();
  };
  db.exec(`DROP TABLE IF EXISTS ${STAGE}; CREATE TABLE ${STAGE} (n INTEGER PRIMARY KEY, album TEXT NOT NULL)`);
  try {
    return await readThenApply();
  } catch (error) {
    // A cancel that cut a request short surfaces as the fetch's AbortError: it is a cancel all the same.
    if (!(error instanceof SyncAborted) && stopped()) throw new SyncAborted();
    throw error;
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${STAGE}`);
  }

  async function readThenApply(): Promise<SyncCounts> {
    const read = await stage(db, albums, options, checkAbort);
    checkAbort();
    const release = options.acquireWrite ? await options.acquireWrite() : () => {};
    try {
      checkAbort();
      return apply(db, source.id, read, options, notes, checkAbort);
    } finally {
      release();
    }
  }
}

/** Phase 1: the source's albums into the TEMP table, in small batches. */
async function stage(
  db: Db,
  albums: AsyncIterable<IncomingAlbum> | Iterable<IncomingAlbum>,
  options: SyncOptions,
  checkAbort: () => void,
): Promise<number> {
  const insert = db.prepare(`INSERT INTO ${STAGE} (album) VALUES (?)`);
  const flush = db.transaction((batch: string[]) => {
    for (const album of batch) insert.run(album);
  });
  let batch: string[] = [];
  let read = 0;
  for await (const album of albums) {
    checkAbort();
    batch.push(JSON.stringify(album));
    read++;
    if (batch.length >= READ_BATCH) {
      flush(batch);
      batch = [];
      options.onProgress?.({ phase: 'read', done: read, total: null });
    }
  }
  flush(batch);
  options.onProgress?.({ phase: 'read', done: read, total: null });
  return read;
}

/** Phase 2: one transaction (all-or-nothing); throws (rolling back) on abort. */
function apply(
  db: Db,
  sourceId: number,
  total: number,
  options: SyncOptions,
  notes: NoteList,
  checkAbort: () => void,
): SyncCounts {
  const chunk = db.prepare<[number, number], { n: number; album: string }>(
    `SELECT n, album FROM ${STAGE} WHERE n > ? ORDER BY n LIMIT ?`,
  );
  return db.transaction(() => {
    const writer = createAlbumWriter(db, { now: options.now, notes, sourceId });
    let after = 0;
    let done = 0;
    for (;;) {
      const rows = chunk.all(after, APPLY_CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) writer.write(JSON.parse(row.album) as IncomingAlbum);
      after = rows[rows.length - 1]!.n;
      done += rows.length;
      checkAbort();
      options.onProgress?.({ phase: 'apply', done, total });
    }
    const stored = db.prepare('SELECT id FROM albums WHERE source_id = ?').pluck().all(sourceId) as number[];
    const remove = db.prepare('DELETE FROM albums WHERE id = ?');
    let removed = 0;
    for (const id of stored) {
      if (writer.wrote(id)) continue;
      remove.run(id);
      removed++;
    }
    const written = writer.finish();
    if (removed > 0) {
      db.prepare(
        'DELETE FROM artists WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = artists.id)',
      ).run();
    }
    checkAbort();
    return { added: written.added, updated: written.updated, removed, unchanged: written.skipped };
  }).immediate();
}
