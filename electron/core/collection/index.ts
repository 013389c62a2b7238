/**
 * The collection service: imports (AIME database, Discogs CSV, JSON export, the demo) and
 * counts. Every import runs in one transaction, so a bad file changes nothing, and records a
 * row in `imports`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectionStats, ImportFormat, ImportSummary } from '../../../shared/api.js';
import { AimeError } from '../../../shared/contract.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { NoteList, createAlbumWriter } from './album-writer.js';
import type { Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';
import { readAimeDatabase } from './import-aime-db.js';
import { readDiscogsCsv } from './import-discogs-csv.js';
import { readJsonExport } from './import-json.js';
import type { ImportSource } from './import-source.js';

export { detectImportFormat } from './detect-format.js';

export interface Collection {
  importFile(file: string, format?: ImportFormat): Promise<ImportSummary>;
  /** Loads the bundled demo collection (resources/demo/collection.json). */
  importDemo(): Promise<ImportSummary>;
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

  function runImport(file: string, format: ImportFormat, label: ImportFormat | 'demo'): ImportSummary {
    const notes = new NoteList();
    const source = open(file, format, notes);
    const at = isoLocal(deps.clock.now());
    try {
      const counts = db.transaction(() => {
        const bulk = source.bulk?.({ now: at, notes }) ?? null;
        const writer = createAlbumWriter(db, { now: at, notes, createdThisImport: bulk?.createdThisImport });
        for (const album of source.albums) writer.write(album);
        const written = writer.finish();
        bulk?.finish();
        const result = {
          added: written.added + (bulk?.added ?? 0),
          updated: written.updated,
          skipped: written.skipped + source.skipped(),
        };
        db.prepare(
          'INSERT INTO imports (at, format, file, added, updated, skipped) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(at, label, file, result.added, result.updated, result.skipped);
        return result;
      })();
      const total = db.prepare('SELECT count(*) FROM albums').pluck().get() as number;
      log.info(
        `📥 Import ${label} ${path.basename(file)}: ${counts.added} ajoutés, ${counts.updated} mis à jour, ` +
          `${counts.skipped} ignorés (${total} albums)`,
      );
      return { format: label, file, ...counts, notes: notes.lines, more: notes.more, total_albums: total };
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
    async importFile(file, format) {
      const absolute = path.resolve(file);
      assertReadableFile(absolute);
      const chosen = format ?? detectImportFormat(absolute);
      try {
        return runImport(absolute, chosen, chosen);
      } catch (error) {
        log.error(`❌ Import ${chosen} ${path.basename(absolute)}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    },
    async importDemo() {
      const file = deps.demoFile ?? findDemoFile();
      return runImport(file, 'json', 'demo');
    },
    stats() {
      const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const last = db
        .prepare<[], { at: string; format: string; file: string; added: number }>(
          'SELECT at, format, file, added FROM imports ORDER BY id DESC LIMIT 1',
        )
        .get();
      return { albums: count('albums'), artists: count('artists'), tracks: count('tracks'), last_import: last ?? null };
    },
  };
}

/**
 * resources/demo/collection.json, looked up from this module upwards: the same code runs
 * from the sources (tsx, tests) and from a bundle in dist/.
 */
function findDemoFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'demo', 'collection.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new AimeError('not_found', 'demo collection not found (resources/demo/collection.json)');
    dir = parent;
  }
}
