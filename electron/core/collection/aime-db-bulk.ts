/**
 * The fast path of the AIME-database import: the source is ATTACHed to the collection's own
 * connection and new albums, credits and tracks go in with a few INSERT…SELECT statements,
 * so 100k albums never cross into JavaScript one value at a time. It adds only albums whose
 * import key is new and first in the file; every other row (already in the collection, or a
 * second row with the same key) is left to the album writer, which updates or skips it
 * with a note exactly as for the other formats. Into an empty collection there is nothing to
 * compare with, and the albums go in with one statement, unstaged (intoEmpty).
 *
 * The values are normalized here with the same rules as the streaming reader
 * (import-aime-db.ts: textOrNull, yearOrNull, trimmed credits in rowid order, UTC timestamps
 * to local ISO), and import keys are importKey()'s, put together in SQL; a test imports one
 * odd database both ways and compares the results.
 */
import fs from 'node:fs';
import { msg } from '../../../shared/messages/index.js';
import type { Db } from './database.js';
import type { NoteList } from './album-writer.js';
import type { BulkPass } from './import-source.js';
import { normalizeForKey } from './incoming.js';

export type OptionalAlbumColumn =
  | 'year'
  | 'support'
  | 'source'
  | 'discogs_id'
  | 'discogs_url'
  | 'spotify_url'
  | 'genre'
  | 'image_url'
  | 'created_at';

/** What import-aime-db.ts found in the source's schema. */
export interface SourceShape {
  /** The source's column name for each optional album field, or 'NULL' when it has none. */
  albumColumns: Record<OptionalAlbumColumn, string>;
  creditOrder: 'rowid' | 'artist_id';
  /** null when the source has no tracks table. */
  tracks: { position: string; duration: string } | null;
}

export interface BulkResult extends BulkPass {
  skipped: number;
  /** Source album ids the album writer still has to handle, in order. */
  leftover: number[];
}

const SCHEMA = 'aime_src';
/**
 * Ends the subquery that normalizes each source album: without it SQLite merges the subquery
 * into the statement using it and computes a column again at each use (the title five times
 * for its key), a sixth of the import. A LIMIT (-1: none) keeps it apart, computed once per
 * row, and its ORDER BY tells SQLite the rows come in id order, so nothing is sorted after.
 */
const IN_ORDER = 'LIMIT -1';
/** JavaScript's String.prototype.trim() set, near enough: ASCII whitespace and NBSP. */
const WS = `' ' || char(9, 10, 11, 12, 13, 160)`;
/**
 * The value as text, or NULL when it is NULL or blank. Text whose first character is printable
 * ASCII other than a space is kept after two comparisons (cheaper than any function call; a
 * number or a blob compares below or above any text). Otherwise GLOB finds a character outside
 * WS without copying the value, as trimming it does (an eighth of the albums' insert). GLOB
 * stops at a NUL character, so what it calls blank is checked again by trimming.
 */
const text = (expr: string): string => `(CASE
    WHEN ${expr} >= '!' AND ${expr} < char(127) THEN ${expr}
    WHEN ${expr} IS NULL THEN NULL
    WHEN ${expr} GLOB '*[^' || ${WS} || ']*' THEN CAST(${expr} AS TEXT)
    WHEN trim(CAST(${expr} AS TEXT), ${WS}) = '' THEN NULL
    ELSE CAST(${expr} AS TEXT)
  END)`;
/**
 * Text whose import-key normalization (incoming.ts normalizeForKey: NFKC, lower-case, runs of
 * white space to one, trim) SQLite can do itself: printable ASCII, no double or edge spaces.
 * For it NFKC changes nothing, lower() equals toLowerCase(), and json_quote() escapes as
 * JSON.stringify does. Other text goes through normalizeForKey() in JavaScript.
 */
const plain = (expr: string): string =>
  `(${expr} NOT GLOB '*[^ -~]*' AND instr(${expr}, '  ') = 0 AND ${expr} = trim(${expr}, ' '))`;
/** A part of a natural key, normalized and quoted as JSON. */
const keyText = (expr: string): string =>
  `CASE WHEN ${plain(expr)} THEN json_quote(lower(${expr})) ELSE aime_key_text(${expr}) END`;
/**
 * yearOrNull() (incoming.ts): a whole number from 1 to 9999, or text starting with four digits.
 * Text and blobs compare above every number, so BETWEEN alone keeps to numbers (cheaper than
 * calling typeof()); the unary + drops the column's affinity, which would turn 1 and 9999 into
 * text for a TEXT column.
 */
const year = (expr: string): string => `(CASE
    WHEN +${expr} BETWEEN 1 AND 9999 AND +${expr} = CAST(${expr} AS INTEGER) THEN CAST(${expr} AS INTEGER)
    WHEN typeof(${expr}) = 'text' AND ltrim(${expr}, ${WS}) GLOB '[0-9][0-9][0-9][0-9]*'
      AND CAST(substr(ltrim(${expr}, ${WS}), 1, 4) AS INTEGER) > 0
      THEN CAST(substr(ltrim(${expr}, ${WS}), 1, 4) AS INTEGER)
  END)`;

/**
 * Whether the source can be ATTACHed safely: only a rollback-journal database with no hot
 * journal (attaching a WAL database, or one with a journal to replay, would write beside it).
 */
export function canAttach(file: string, header: Buffer): boolean {
  return header.readUInt8(18) === 1 && header.readUInt8(19) === 1 && !fs.existsSync(`${file}-journal`);
}

export function attachSource(db: Db, file: string): () => void {
  db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(file);
  return () => db.exec(`DETACH DATABASE ${SCHEMA}`);
}

export function bulkInsertNewAlbums(
  db: Db,
  shape: SourceShape,
  options: { now: string; notes: NoteList; utcToLocal: (value: unknown) => string | null },
): BulkResult {
  // A part of a natural import key SQLite cannot normalize itself (non-ASCII text), as JSON text.
  db.function('aime_key_text', { deterministic: true }, (value) => JSON.stringify(normalizeForKey(String(value))));
  db.function('aime_local_time', { deterministic: true }, (value) => options.utcToLocal(value));
  db.function('aime_import_now', () => options.now);
  const c = shape.albumColumns;
  const q = (column: string): string => (column === 'NULL' ? 'NULL' : `al."${column}"`);

  db.exec(`
    DROP TABLE IF EXISTS temp.aime_credits;
    DROP TABLE IF EXISTS temp.aime_stage;
    DROP TABLE IF EXISTS temp.aime_map;
    DROP TABLE IF EXISTS temp.aime_artists;
    -- Each artist's name trimmed, and as a part of an import key: once per artist, where the
    -- credit lists repeat them (testing each name in each list cost a sixth of the albums'
    -- insert). Its ids are the source's rowids (readAimeDatabase checks), so unique integers.
    CREATE TEMP TABLE aime_artists (id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL);
    INSERT INTO aime_artists
      SELECT id, name, ${keyText('name')} FROM (
        SELECT ar.id, trim(CAST(ar.name AS TEXT), ${WS}) AS name FROM ${SCHEMA}.artists ar
        WHERE ${text('ar.name')} IS NOT NULL ORDER BY ar.id ${IN_ORDER});
    CREATE TEMP TABLE aime_credits AS
      SELECT aa.album_id AS src_id, ar.name, ar.key, aa.${shape.creditOrder} AS ord
      FROM ${SCHEMA}.album_artist aa JOIN aime_artists ar ON ar.id = aa.artist_id;
    DROP TABLE aime_artists;
    -- Covering: an album's credits, in order, are read from the index alone.
    CREATE INDEX temp.aime_credits_by_album ON aime_credits (src_id, ord, name, key);
  `);
  // The natural key, as importKey() writes it (JSON.stringify, no spaces), is put together in
  // SQL: plain text is normalized by SQLite, other text part by part by normalizeForKey() in
  // JavaScript (keyText). A JavaScript call per row for the whole key cost a fifth of the
  // import; per part, for non-ASCII text alone, a twentieth. A credit list joins its artists'
  // parts, made once per artist. Only albums without a Discogs id read their credits (a table
  // of their lists, made beforehand, cost more than its lookups saved).
  const normalized = `
      SELECT normalized.*,
        CASE
          WHEN title IS NULL THEN NULL
          WHEN discogs_id IS NOT NULL THEN 'discogs:' || discogs_id
          ELSE 'album:[' || ${keyText('title')} || ','
            || coalesce((SELECT '[' || group_concat(key, ',') || ']'
                FROM (SELECT cr.key FROM aime_credits cr WHERE cr.src_id = normalized.src_id ORDER BY cr.ord)), '[]') || ','
            || coalesce(year, 'null') || ',' || ${keyText("coalesce(support, '')")} || ']'
        END AS key
      FROM (
        SELECT al.id AS src_id, ${text('al.title')} AS title, ${year(q(c.year))} AS year,
          ${text(q(c.support))} AS support, ${text(q(c.source))} AS source,
          trim(${text(q(c.discogs_id))}, ${WS}) AS discogs_id, ${text(q(c.discogs_url))} AS discogs_url,
          ${text(q(c.spotify_url))} AS spotify_url, ${text(q(c.genre))} AS genre, ${text(q(c.image_url))} AS image_url,
          coalesce(aime_local_time(${q(c.created_at)}), aime_import_now()) AS created_at
        FROM ${SCHEMA}.albums al ORDER BY al.id ${IN_ORDER}
      ) AS normalized`;
  const columns = 'title, year, support, source, discogs_id, discogs_url, spotify_url, genre, image_url, created_at';
  if (intoEmptyCollection(db)) return intoEmpty(db, shape, normalized, columns, options.notes);

  db.exec(`CREATE TEMP TABLE aime_stage AS SELECT *, 0 AS bulk FROM (${normalized})`);
  db.exec(`
    CREATE INDEX temp.aime_stage_by_key ON aime_stage (key, src_id);
    UPDATE aime_stage SET bulk = 1
      WHERE title IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM main.albums a WHERE a.import_key = aime_stage.key)
        AND src_id = (SELECT min(s2.src_id) FROM aime_stage s2 WHERE s2.key = aime_stage.key);
  `);

  const untitled = db.prepare('SELECT src_id FROM aime_stage WHERE title IS NULL ORDER BY src_id').pluck().all() as number[];
  for (const id of untitled) options.notes.add(msg('note.untitled_album', { id: String(id) }));

  // Ids are kept where free. Albums with a free id go first, so the automatic ids given to
  // the others afterwards can never take an id the source still needs.
  db.exec(`
    INSERT INTO main.albums (id, ${columns}, import_key)
      SELECT src_id, ${columns}, key FROM aime_stage s
      WHERE bulk = 1 AND typeof(src_id) = 'integer' AND src_id > 0
        AND NOT EXISTS (SELECT 1 FROM main.albums a WHERE a.id = s.src_id)
      ORDER BY src_id`);
  db.exec(`
    INSERT INTO main.albums (id, ${columns}, import_key)
      SELECT NULL, ${columns}, key FROM aime_stage s
      WHERE bulk = 1 AND NOT EXISTS (SELECT 1 FROM main.albums a WHERE a.import_key = s.key)
      ORDER BY src_id`);
  db.exec(`
    CREATE TEMP TABLE aime_map (src_id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL);
    INSERT INTO aime_map SELECT s.src_id, a.id FROM aime_stage s JOIN main.albums a ON a.import_key = s.key WHERE s.bulk = 1`);
  const added = db.prepare('SELECT count(*) FROM aime_map').pluck().get() as number;
  copyCreditsAndTracks(db, shape, 'aime_map');
  const leftover = db
    .prepare('SELECT src_id FROM aime_stage WHERE title IS NOT NULL AND bulk = 0 ORDER BY src_id')
    .pluck()
    .all() as number[];
  // Only rows left to the album writer ask whether an album is new: index for them alone.
  if (leftover.length > 0) db.exec('CREATE INDEX temp.aime_map_by_album ON aime_map (album_id)');
  const created = db.prepare<[number], number>('SELECT 1 FROM aime_map WHERE album_id = ?').pluck();
  return {
    added,
    skipped: untitled.length,
    leftover,
    createdThisImport: (albumId) => created.get(albumId) !== undefined,
    finish() {
      db.exec(
        'DROP TABLE temp.aime_credits; DROP TABLE temp.aime_stage; DROP TABLE temp.aime_map;',
      );
    },
  };
}

/**
 * The credits and tracks of the albums the pass created: `map` is a relation (src_id, album_id)
 * of those albums, by their source id.
 */
function copyCreditsAndTracks(db: Db, shape: SourceShape, map: string): void {
  // In the order of their first credit: OR IGNORE keeps each name's first row, and the
  // covering index gives them in order without a sort.
  db.exec(`
    INSERT OR IGNORE INTO main.artists (name)
      SELECT cr.name FROM aime_credits cr JOIN ${map} m ON m.src_id = cr.src_id ORDER BY cr.src_id, cr.ord`);
  // Credits arrive in album order, so the by-artist index would take them at random places:
  // when the import at least doubles the credits, dropping it and building it again
  // afterwards (one sort) is much cheaper (a third of this step at 1M albums).
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const rebuildIndex = count('SELECT count(*) FROM aime_credits') >= count('SELECT count(*) FROM main.album_artists');
  if (rebuildIndex) db.exec('DROP INDEX main.album_artists_by_artist');
  db.exec(`
    INSERT INTO main.album_artists (album_id, position, artist_id)
      SELECT m.album_id, row_number() OVER (PARTITION BY cr.src_id ORDER BY cr.ord) - 1, ar.id
      FROM aime_credits cr JOIN ${map} m ON m.src_id = cr.src_id JOIN main.artists ar ON ar.name = cr.name`);
  if (rebuildIndex) db.exec('CREATE INDEX main.album_artists_by_artist ON album_artists(artist_id)');
  if (shape.tracks) {
    const { position, duration } = shape.tracks;
    const p = position === 'NULL' ? 'NULL' : `t."${position}"`;
    const d = duration === 'NULL' ? 'NULL' : `t."${duration}"`;
    // Not sorted: exports order an album's tracks by position, then id, and ids follow the
    // source's order within an album whichever way SQLite joins (sorting cost a fifth of this step).
    // Numbers only: `x < ''` holds for a number alone (NULL, text and blobs do not compare below
    // the empty text, whatever the column's affinity), and costs less than calling typeof().
    db.exec(`
      INSERT INTO main.tracks (album_id, position, title, duration_seconds)
        SELECT m.album_id, CASE WHEN ${p} < '' THEN ${p} END,
          coalesce(CAST(t.title AS TEXT), ''),
          CASE WHEN ${d} < '' THEN CAST(round(${d}) AS INTEGER) END
        FROM ${SCHEMA}.tracks t JOIN ${map} m ON m.src_id = t.album_id;
    `);
  }
}

/**
 * Whether the faster pass for a first import applies: the collection has no album yet (so no
 * key is taken and every id is free) and every source id is a positive integer (so each new
 * album keeps its source id, and the source id alone says which album a row became).
 */
function intoEmptyCollection(db: Db): boolean {
  return (
    db.prepare('SELECT 1 FROM main.albums LIMIT 1').get() === undefined &&
    db.prepare(`SELECT 1 FROM ${SCHEMA}.albums WHERE typeof(id) <> 'integer' OR id <= 0 LIMIT 1`).get() === undefined
  );
}

/**
 * The first import into an empty collection: albums go straight from the source, in source
 * order, with no staging table. The import key's UNIQUE constraint keeps the first row of each
 * key (INSERT OR IGNORE); every album created keeps its source id, so the albums table itself
 * maps source rows to albums, and a titled row whose id is not there is a later duplicate,
 * left to the album writer like in the general pass.
 */
function intoEmpty(db: Db, shape: SourceShape, normalized: string, columns: string, notes: NoteList): BulkResult {
  const added = db
    .prepare(
      `INSERT OR IGNORE INTO main.albums (id, ${columns}, import_key)
         SELECT src_id, ${columns}, key FROM (${normalized}) WHERE title IS NOT NULL ORDER BY src_id`,
    )
    .run().changes;
  copyCreditsAndTracks(db, shape, '(SELECT id AS src_id, id AS album_id FROM main.albums)');
  // Untitled and duplicate rows are looked for only when some row did not become an album.
  const everyRow = added === (db.prepare(`SELECT count(*) FROM ${SCHEMA}.albums`).pluck().get() as number);
  const ids = (where: string): number[] =>
    everyRow ? [] : (db.prepare(`SELECT al.id FROM ${SCHEMA}.albums al WHERE ${where} ORDER BY al.id`).pluck().all() as number[]);
  const untitled = ids(`${text('al.title')} IS NULL`);
  for (const id of untitled) notes.add(msg('note.untitled_album', { id: String(id) }));
  const leftover = ids(`${text('al.title')} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.albums a WHERE a.id = al.id)`);
  return {
    added,
    skipped: untitled.length,
    leftover,
    // Every album in the collection is this import's.
    createdThisImport: () => true,
    finish() {
      db.exec('DROP TABLE temp.aime_credits');
    },
  };
}
