/**
 * Large Discogs collection CSV exports for the background-import tests, written in a few
 * hundred milliseconds (make_discogs_csv.py needs an AIME database first). The 13-column
 * layout of a real export, with quoted fields, commas, quotes and non-ASCII text.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../../electron/core/collection/database.js';

const HEADER =
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,' +
  'Collection Media Condition,Collection Sleeve Condition,Collection Notes';
const FORMATS = ['"LP, Album"', '"CD, Album"', '"File, MP3, Album"', '"Cass, Album"', 'Box Set'];

/** `rows` albums (release ids from `firstRelease`), 300 distinct artists. */
export function writeDiscogsCsv(file: string, rows: number, firstRelease = 5_000_000): string {
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, `${HEADER}\n`);
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      const artist = i % 3 === 0 ? `"Artiste ${i % 300}, Ensemble"` : `Artiste ${i % 300}`;
      const title = i % 5 === 0 ? `"Album ""n°${i}"""` : `Album n°${i} é`;
      const year = i % 11 === 0 ? '0' : String(1960 + (i % 60));
      chunk.push(
        `CAT-${i},${artist},${title},Label,${FORMATS[i % FORMATS.length]},,${year},${firstRelease + i},` +
          `Uncategorized,2023-01-0${1 + (i % 9)} 10:00:00,,,`,
      );
      if (chunk.length === 10_000) {
        fs.writeSync(out, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(out, `${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(out);
  }
  return file;
}

/**
 * A hash of every row of the collection's tables (and its schema): equal hashes mean the
 * collection is byte-for-byte what it was.
 */
export function collectionHash(db: Db): string {
  const hash = crypto.createHash('sha256');
  const queries = [
    'SELECT * FROM albums ORDER BY id',
    'SELECT * FROM artists ORDER BY id',
    'SELECT * FROM album_artists ORDER BY album_id, position',
    'SELECT * FROM tracks ORDER BY id',
    'SELECT * FROM imports ORDER BY id',
    'SELECT type, name, sql FROM sqlite_master ORDER BY type, name',
  ];
  for (const sql of queries) {
    for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row)).update('\n');
    hash.update('--\n');
  }
  return hash.digest('hex');
}
