import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { narrowToOwner, PRIVATE_FILE_MODE } from '../private-files.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * The native binding each opened database was loaded with. Other connections the engine opens
 * (an export's read snapshot, an imported file) must load the same one: in Electron, the
 * default binding is npm's Node build, whose ABI Electron refuses.
 */
const bindings = new WeakMap<Db, string>();

/** The native binding `db` was opened with (undefined: npm's default build). */
export function nativeBindingOf(db: Db): string | undefined {
  return bindings.get(db);
}

/** Another connection (e.g. read-only) loaded with the same native binding as `db`. */
export function openCompanion(db: Db, file: string, options: Database.Options = {}): Db {
  const nativeBinding = nativeBindingOf(db);
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}

/**
 * Page cache of a connection that reads a whole export once: SQLite's default is 16 MiB per
 * connection, and an export holds several. Rows are read once in order, so a small cache
 * costs no time (measured: 25-30 MiB less peak per export process, same speed).
 */
export const EXPORT_CACHE_PRAGMA = 'cache_size = -2048';

/**
 * Opens (creating if needed) the collection database: WAL so readers never block the
 * writer, foreign keys on, a busy timeout so two processes (desktop + CLI) wait instead
 * of failing, and pending migrations applied.
 */
export function openDatabase(file: string, options: { nativeBinding?: string } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Owner only: the collection holds a linked Discogs account's token (as text where there is no
  // OS keychain). Created 0600 before SQLite opens it, so its -wal and -shm files, which SQLite
  // creates with the database's own mode, are 0600 too; files of older versions are narrowed.
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const companion of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) narrowToOwner(companion);
  // Electron loads a better-sqlite3 binary built for its own ABI (see electron/main/README.md);
  // plain Node (CLI, tests) uses the one npm built.
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  if (options.nativeBinding) bindings.set(db, options.nativeBinding);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `collection database is from a newer AIME Scheduler (schema ${current}, this version knows ${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
