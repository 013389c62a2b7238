/**
 * Exports read the collection through their own read-only connection inside one read
 * transaction: every query of an export sees the same snapshot (so `total_albums` matches
 * the albums written even if an import commits meanwhile), and the export can await file
 * writes between rows without keeping the shared connection busy — better-sqlite3 refuses
 * any write on a connection while one of its iterators is open.
 */
import { EXPORT_CACHE_PRAGMA, openCompanion, type Db } from '../collection/database.js';

export async function withReadSnapshot<T>(db: Db, read: (reader: Db) => Promise<T>): Promise<T> {
  // An in-memory database cannot be opened twice; it has no other writer to isolate from.
  if (db.memory || db.name === '' || db.name === ':memory:') return read(db);
  const reader = openCompanion(db, db.name, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    reader.pragma(EXPORT_CACHE_PRAGMA);
    reader.exec('BEGIN');
    return await read(reader);
  } finally {
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }
}
