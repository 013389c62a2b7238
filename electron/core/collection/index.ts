/**
 * The collection service: imports (AIME database, Discogs CSV, JSON export, the demo) and
 * counts. Every import writes the collection in one transaction (import-run.ts), so a bad file
 * or a cancel changes nothing, and records a row in `imports`.
 */
import path from 'node:path';
import type { CollectionStats, ImportFormat, ImportSummary } from '../../../shared/api.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { NoteList } from './album-writer.js';
import type { Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';
import { findDemoFile } from './demo-file.js';
import { readAimeDatabase } from './import-aime-db.js';
import { readDiscogsCsv } from './import-discogs-csv.js';
import { readJsonExport } from './import-json.js';
import type { ImportSource } from './import-source.js';
import { isCancellation, runImport, type ImportControl } from './import-run.js';

export { ImportCancelled, isCancellation, type ImportControl, type ImportProgress } from './import-run.js';

export { detectImportFormat } from './detect-format.js';

export interface Collection {
  importFile(file: string, format?: ImportFormat, control?: ImportControl): Promise<ImportSummary>;
  /** Loads the bundled demo collection (resources/demo/collection.json). */
  importDemo(control?: ImportControl): Promise<ImportSummary>;
  stats(): CollectionStats;
}

export interface CollectionDeps {
  clock: Clock;
  log: Logger;
  /** Where the demo collection is (the packaged app passes its resources path). */
  demoFile?: string;
}

export function createCollection(db: Db, deps: CollectionDeps): Collection {
  const log = deps.log.child('collection');
  /** What identifies the database's state as this connection sees it (see stats). */
  const writes = db.prepare<[], string>("SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes()").pluck();
  let cached: { version: string; stats: CollectionStats } | null = null;

  function open(file: string, format: ImportFormat, notes: NoteList): ImportSource {
    switch (format) {
      case 'aime-db':
        return readAimeDatabase(file, notes, deps.clock, db);
      case 'discogs-csv':
        return readDiscogsCsv(file, notes, deps.clock);
      case 'json':
        return readJsonExport(file, deps.clock);
    }
  }

  async function importFrom(
    file: string,
    format: ImportFormat,
    label: ImportFormat | 'demo',
    control: ImportControl,
  ): Promise<ImportSummary> {
    const notes = new NoteList();
    const source = open(file, format, notes);
    const at = isoLocal(deps.clock.now());
    try {
      const counts = await runImport(db, source, { at, label, file, notes }, control);
      const total = db.prepare('SELECT count(*) FROM albums').pluck().get() as number;
      log.info(
        `📥 Import ${label} ${path.basename(file)}: ${counts.added} ajoutés, ${counts.updated} mis à jour, ` +
          `${counts.skipped} ignorés (${total} albums)`,
      );
      return { format: label, file, ...counts, notes: notes.lines, note_texts: notes.texts, more: notes.more, total_albums: total };
    } finally {
      try {
        source.close();
      } catch (error) {
        // Never let cleanup hide the import's own error.
        log.warn(`import source not closed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  return {
    async importFile(file, format, control = {}) {
      const absolute = path.resolve(file);
      assertReadableFile(absolute);
      const chosen = format ?? detectImportFormat(absolute);
      try {
        return await importFrom(absolute, chosen, chosen, control);
      } catch (error) {
        if (isCancellation(error)) {
          log.warn(`⏹️ Import ${chosen} ${path.basename(absolute)}: cancelled, nothing changed`);
          throw error;
        }
        log.error(`❌ Import ${chosen} ${path.basename(absolute)}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    },
    async importDemo(control = {}) {
      const file = deps.demoFile ?? findDemoFile();
      return importFrom(file, 'json', 'demo', control);
    },
    stats() {
      // Counting 1M albums and their artists takes tens of ms, on the engine's thread, at every
      // GET …/collection: the counts are kept until the database changes. data_version moves
      // when another connection (an import's worker, another process) commits; total_changes()
      // when this one writes.
      const version = writes.get()!;
      if (cached && cached.version === version) return cached.stats;
      const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const last = db
        .prepare<[], { at: string; format: string; file: string; added: number }>(
          'SELECT at, format, file, added FROM imports ORDER BY id DESC LIMIT 1',
        )
        .get();
      const stats = { albums: count('albums'), artists: count('artists'), tracks: count('tracks'), last_import: last ?? null };
      cached = { version, stats };
      return stats;
    },
  };
}
