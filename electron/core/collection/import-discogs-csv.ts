/**
 * Discogs collection CSV export → incoming albums. Parsed with csv-parse; columns mapped by
 * header name, since exports come with 13 columns (with the condition columns) or 11.
 *
 * Choices, and why:
 * - Artist is kept as ONE credit, exactly as Discogs wrote it. Discogs' CSV flattens the
 *   credits into display text ("Bob Marley & The Wailers", "Simon & Garfunkel",
 *   "Crosby, Stills, Nash & Young", "Danny Red / Forward Fever"): ", ", " & " and " / " occur
 *   both inside one artist's name and between artists, and the CSV does not say which.
 *   Splitting would invent artists that do not exist; one credit never loses information.
 * - Disambiguation suffixes ("Sonic Boom (2)") are kept in the stored name: they are what
 *   tells two Discogs artists apart; the Markdown and haiku writers decide how to show them.
 * - A release owned twice (two copies, same release_id) is imported ONCE and the second row
 *   is reported as skipped: the collection lists albums, not copies, and both exports would
 *   otherwise show the same album twice.
 * - `Released` 0 or empty is an unknown year. `Date Added` becomes the album's created_at
 *   (read as local time: the export gives no zone).
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Clock } from '../types.js';
import { isoLocal } from '../time-format.js';
import type { NoteList } from './album-writer.js';
import type { ImportSource } from './import-source.js';
import { badInput, textOrNull, yearOrNull, type IncomingAlbum } from './incoming.js';
import { supportFromDiscogsFormat } from './support.js';

/** The columns both Discogs layouts have and this importer needs. */
export const DISCOGS_REQUIRED_COLUMNS = ['Artist', 'Title', 'Format', 'Released', 'release_id'] as const;

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function readDiscogsCsv(file: string, notes: NoteList, clock: Clock): ImportSource {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    // One line-end convention, so csv-parse's line numbers are the lines an editor shows.
    .replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw badInput(file, null, 'empty file (expected a Discogs collection CSV export)');

  // The header first: a file that is not a Discogs export is said to be so, whatever its later lines hold.
  mapColumns(file, headerOf(text));
  const records = parseRecords(file, text);
  const [header, ...rows] = records;
  const columns = mapColumns(file, header!.record);

  const albums: IncomingAlbum[] = [];
  const seenRelease = new Map<string, number>();
  let skipped = 0;
  for (const row of rows) {
    const line = row.startLine;
    const cell = (name: string): string => (columns.has(name) ? (row.record[columns.get(name)!] ?? '') : '');
    const title = cell('Title').trim();
    const artist = cell('Artist').trim();
    const releaseId = cell('release_id').trim();
    if (releaseId !== '' && !/^\d+$/.test(releaseId)) {
      // The cell is not quoted back: error messages never carry file content (it may not be a CSV of records at all).
      throw badInput(file, `line ${line}`, 'release_id is not a Discogs release number');
    }
    if (title === '') {
      skipped++;
      notes.add(`line ${line}: no title${releaseId ? ` (release ${releaseId})` : ''}, skipped`);
      continue;
    }
    if (releaseId !== '') {
      const firstLine = seenRelease.get(releaseId);
      if (firstLine !== undefined) {
        skipped++;
        notes.add(
          `line ${line}: release ${releaseId} "${title}" is owned twice (also line ${firstLine}); imported once`,
        );
        continue;
      }
      seenRelease.set(releaseId, line);
    }
    albums.push({
      label: `line ${line}`,
      title,
      year: yearOrNull(cell('Released')),
      support: supportFromDiscogsFormat(cell('Format')),
      source: 'discogs',
      artists: artist === '' ? [] : [artist],
      discogs_id: releaseId === '' ? null : releaseId,
      discogs_url: releaseId === '' ? null : `https://www.discogs.com/release/${releaseId}`,
      created_at: dateAdded(cell('Date Added')) ?? isoLocal(clock.now()),
    });
  }
  return { albums, skipped: () => skipped, close: () => {} };
}

function headerOf(text: string): string[] {
  try {
    const [first] = parse(text.split('\n', 1)[0] ?? '', { relax_column_count: true }) as string[][];
    return first ?? [];
  } catch {
    return [];
  }
}

function parseRecords(file: string, text: string): Array<ParsedRecord & { startLine: number }> {
  // The sync parser returns nothing when it fails: track the last good record's end line as it goes.
  let lastGoodLine = 0;
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      info: true,
      raw: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastGoodLine = context.lines;
        return record;
      },
    }) as unknown as ParsedRecord[];
  } catch (error) {
    throw csvError(file, error, lastGoodLine);
  }
  let lastEndLine = 0;
  return parsed.map((record) => {
    // `raw` starts with the blank lines csv-parse skipped before this record.
    const leadingBlank = /^\n*/.exec(record.raw)![0].length;
    const startLine = lastEndLine + 1 + leadingBlank;
    lastEndLine = record.info.lines;
    return { ...record, startLine };
  });
}

/** csv-parse's errors in the user's words, with the line where the bad record starts. */
function csvError(file: string, error: unknown, lastGoodLine: number): Error {
  const e = error as { code?: string; lines?: number; message?: string; record?: unknown[] };
  const line = e.lines ?? lastGoodLine + 1;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse reports the end of the file; the quote was opened in the next record.
      return badInput(file, `line ${lastGoodLine + 1}`, 'unterminated quoted field');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return badInput(file, `line ${line}`, 'text after a closing quote (a quote inside a field must be doubled: "")');
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const found = Array.isArray(e.record) ? `, found ${e.record.length}` : '';
      return badInput(file, `line ${line}`, `not the header's number of fields${found}`);
    }
    default:
      // csv-parse's own messages quote the field they stopped at: only its code is kept.
      return badInput(file, `line ${line}`, `unreadable CSV (${e.code ?? 'parse error'})`);
  }
}

function mapColumns(file: string, header: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const trimmed = name.trim();
    // Exports edited in a spreadsheet sometimes change the case of the names.
    const canonical =
      [...DISCOGS_REQUIRED_COLUMNS, 'Date Added'].find((known) => known.toLowerCase() === trimmed.toLowerCase()) ??
      trimmed;
    if (!columns.has(canonical)) columns.set(canonical, index);
  });
  const missing = DISCOGS_REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    // What was expected, never what the header holds: a file that is not a CSV export (or not a
    // CSV at all: /proc/self/environ, a key file) must not be quoted back to the caller or the log.
    throw badInput(
      file,
      null,
      `not a Discogs CSV: its header lacks ${missing.join(', ')} ` +
        `(a Discogs collection export has ${DISCOGS_REQUIRED_COLUMNS.join(', ')})`,
    );
  }
  return columns;
}

/** "2020-11-18 19:17:05" (Discogs' Date Added) → ISO local, or null when absent/unreadable. */
function dateAdded(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(textOrNull(value)?.trim() ?? '');
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(date.getTime()) ? null : isoLocal(date);
}
