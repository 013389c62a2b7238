/**
 * One import, in two phases, so that it is all-or-nothing without holding the collection's
 * write lock while a large file is read:
 *
 * 1. reading — a streamed source (the Discogs CSV) is parsed and validated into a TEMP table of
 *    this connection, in bounded transactions. TEMP tables live in the connection's own temp
 *    file: the collection is not written, not locked, and a bad row or a cancel just drops them.
 * 2. writing — under the write gate, one transaction hands the staged (or directly readable)
 *    albums to the album writer and records the import. It is the only step that writes the
 *    collection; a cancel or an error inside it rolls the whole import back.
 *
 * Cancellation is checked between chunks of both phases; progress is reported at most every
 * PROGRESS_EVERY_MS.
 */
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import type { NoteList } from './album-writer.js';
import { createAlbumWriter, type WriteCounts } from './album-writer.js';
import type { Db } from './database.js';
import type { ImportSource } from './import-source.js';
import type { IncomingAlbum } from './incoming.js';

export type ImportPhase = 'reading' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  /** Bytes of the file read (phase reading) or albums written (phase writing). */
  done: number;
  /** What `done` goes up to; null when it is not known in advance. */
  total: number | null;
}

/** Thrown out of an import whose caller asked it to stop; nothing was written. */
export class ImportCancelled extends AimeError {
  constructor() {
    super('cancelled', 'import cancelled: the collection is unchanged', undefined, msg('error.import_cancelled'));
  }
}

/** An import (or a sync) stopped at the user's request, whichever thread it crossed. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AimeError && error.code === 'cancelled';
}

export interface ImportControl {
  onProgress?(progress: ImportProgress): void;
  /** Polled between chunks: true stops the import and rolls it back. */
  cancelled?(): boolean;
  /**
   * Waits until this import may write the collection, and returns the release: the write gate
   * that lets the engine's own writes (run history, schedule) go first. Default: no gate.
   */
  acquireWrite?(): Promise<() => void>;
}

/** Rows staged per transaction of the reading phase, and albums between cancel checks. */
export const STAGE_CHUNK = 2000;
const PROGRESS_EVERY_MS = 100;

export interface ImportRecord {
  at: string;
  label: string;
  file: string;
  notes: NoteList;
}

export async function runImport(
  db: Db,
  source: ImportSource,
  record: ImportRecord,
  control: ImportControl = {},
): Promise<WriteCounts> {
  const checkCancel = (): void => {
    if (control.cancelled?.()) throw new ImportCancelled();
  };
  let lastReport = 0;
  const report = (progress: ImportProgress, force = false): void => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    control.onProgress?.(progress);
  };

  const streamed = isAsync(source.albums);
  let staged = 0;
  if (streamed) {
    db.exec(
      `CREATE TEMP TABLE IF NOT EXISTS import_stage (
         seq INTEGER PRIMARY KEY, label TEXT NOT NULL, discogs_id TEXT UNIQUE, album TEXT NOT NULL)`,
    );
    db.exec('DELETE FROM temp.import_stage');
  }
  try {
    if (streamed) staged = await stage(db, source, report, checkCancel);
    checkCancel();
    const release = control.acquireWrite ? await control.acquireWrite() : () => {};
    const relaxKeys = source.bulk !== undefined && db.pragma('foreign_keys', { simple: true }) === 1;
    try {
      // A bulk pass's INSERT…SELECTs join every credit and track to the album and artist it
      // references, so SQLite's foreign-key lookup per row proves nothing there, and costs a
      // tenth of an AIME-db import. The pragma cannot change inside a transaction: it is off
      // around this one and on again after, whatever happens. The album writer, which shares
      // the transaction, deletes tracks and credits itself and never relies on a cascade.
      if (relaxKeys) db.pragma('foreign_keys = OFF');
      checkCancel();
      report({ phase: 'writing', done: 0, total: streamed ? staged : null }, true);
      return db.transaction(() => {
        const bulk = source.bulk?.({ now: record.at, notes: record.notes }) ?? null;
        checkCancel();
        const writer = createAlbumWriter(db, {
          now: record.at,
          notes: record.notes,
          createdThisImport: bulk?.createdThisImport,
        });
        let written = 0;
        const albums = streamed ? stagedAlbums(db) : (source.albums as Iterable<IncomingAlbum>);
        for (const album of albums) {
          writer.write(album);
          if (++written % STAGE_CHUNK === 0) {
            checkCancel();
            report({ phase: 'writing', done: written, total: streamed ? staged : null });
          }
        }
        const counts = writer.finish();
        bulk?.finish();
        checkCancel();
        const result = {
          added: counts.added + (bulk?.added ?? 0),
          updated: counts.updated,
          skipped: counts.skipped + source.skipped(),
        };
        db.prepare('INSERT INTO imports (at, format, file, added, updated, skipped) VALUES (?, ?, ?, ?, ?, ?)').run(
          record.at,
          record.label,
          record.file,
          result.added,
          result.updated,
          result.skipped,
        );
        return result;
      }).immediate();
    } finally {
      if (relaxKeys) db.pragma('foreign_keys = ON');
      release();
    }
  } finally {
    if (streamed) db.exec('DROP TABLE IF EXISTS temp.import_stage');
  }
}

/**
 * The reading phase: every album of a streamed source as JSON in temp.import_stage, committed
 * every STAGE_CHUNK rows; returns how many. A second album with a discogs_id already staged goes
 * to `source.duplicate` (so no map of every id is kept in memory).
 */
async function stage(
  db: Db,
  source: ImportSource,
  report: (progress: ImportProgress, force?: boolean) => void,
  checkCancel: () => void,
): Promise<number> {
  const dedupe = source.duplicate !== undefined;
  const insert = db.prepare<[string, string | null, string]>(
    'INSERT INTO temp.import_stage (label, discogs_id, album) VALUES (?, ?, ?) ON CONFLICT (discogs_id) DO NOTHING',
  );
  const firstLabel = db.prepare<[string], string>('SELECT label FROM temp.import_stage WHERE discogs_id = ?').pluck();
  const progress = (): ImportProgress => {
    const p = source.progress?.();
    return { phase: 'reading', done: p?.done ?? 0, total: p?.total ?? null };
  };
  report(progress(), true);
  let count = 0;
  let inChunk = 0;
  db.exec('BEGIN');
  try {
    for await (const album of source.albums as AsyncIterable<IncomingAlbum>) {
      const id = dedupe ? (album.discogs_id ?? null) : null;
      if (insert.run(album.label, id, JSON.stringify(album)).changes === 0) {
        source.duplicate!(album, firstLabel.get(id!)!);
        continue;
      }
      count++;
      if (++inChunk === STAGE_CHUNK) {
        db.exec('COMMIT');
        inChunk = 0;
        checkCancel();
        report(progress());
        db.exec('BEGIN');
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  report(progress(), true);
  return count;
}

/** The staged albums in file order, a page at a time (the connection is written between pages). */
function* stagedAlbums(db: Db): Generator<IncomingAlbum> {
  const page = db
    .prepare<[number, number], { seq: number; album: string }>(
      'SELECT seq, album FROM temp.import_stage WHERE seq > ? ORDER BY seq LIMIT ?',
    );
  let after = 0;
  for (;;) {
    const rows = page.all(after, STAGE_CHUNK);
    if (rows.length === 0) return;
    for (const row of rows) yield JSON.parse(row.album) as IncomingAlbum;
    after = rows[rows.length - 1]!.seq;
  }
}

function isAsync(albums: ImportSource['albums']): albums is AsyncIterable<IncomingAlbum> {
  return typeof (albums as AsyncIterable<IncomingAlbum>)[Symbol.asyncIterator] === 'function';
}
