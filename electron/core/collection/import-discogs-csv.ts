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
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AimeError } from '../../../shared/contract.js';
import { albumName, msg } from '../../../shared/messages/index.js';
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

/**
 * Streams the file through csv-parse: memory stays bounded by one chunk plus what the caller
 * keeps, whatever the file's size (a 1M-row export is ~100 MB of text). The albums are an
 * async iterable, read once.
 */
export function readDiscogsCsv(file: string, notes: NoteList, clock: Clock): ImportSource {
  const total = fs.statSync(file).size;
  let bytesRead = 0;
  let skipped = 0;
  let input: fs.ReadStream | undefined;

  async function* albums(): AsyncGenerator<IncomingAlbum> {
    input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    input.on('data', (chunk) => (bytesRead += Buffer.byteLength(chunk as string)));
    const lineEnds = new LineEnds();
    // csv-parse's stream does not say where a failing record started: track the last good one's end.
    let lastGoodLine = 0;
    const parser = parse({
      info: true,
      raw: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastGoodLine = context.lines;
        return record;
      },
    });
    input.on('error', (error) => parser.destroy(error));
    lineEnds.on('error', (error) => parser.destroy(error));
    input.pipe(lineEnds).pipe(parser);

    let columns: Map<string, number> | null = null;
    let blankHeader: string[] | null = null;
    let lastEndLine = 0;
    try {
      for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
        // `raw` starts with the blank lines csv-parse skipped before this record.
        const leadingBlank = /^\n*/.exec(parsed.raw)![0].length;
        const line = lastEndLine + 1 + leadingBlank;
        lastEndLine = parsed.info.lines;
        if (columns === null) {
          if (blankHeader === null && parsed.record.every((cell) => cell.trim() === '')) {
            blankHeader = parsed.record;
            continue;
          }
          columns = mapColumns(file, blankHeader ?? parsed.record);
          if (blankHeader === null) continue;
        }
        const album = toAlbum(parsed.record, line, columns);
        if (album !== null) yield album;
      }
    } catch (error) {
      if (error instanceof AimeError) throw error;
      // The header first: a file that is not a Discogs export is said to be so, whatever its later
      // lines hold (the stream can fail on line 2 before the header record reaches this loop).
      if (columns === null) mapColumns(file, headerOf(file));
      throw csvError(file, error, lastGoodLine);
    } finally {
      input.destroy();
    }
    if (!lineEnds.sawText) throw badInput(file, null, 'empty file (expected a Discogs collection CSV export)');
    if (columns === null) mapColumns(file, blankHeader ?? []);

    function toAlbum(record: string[], line: number, columns: Map<string, number>): IncomingAlbum | null {
      const cell = (name: string): string => (columns.has(name) ? (record[columns.get(name)!] ?? '') : '');
      const title = cell('Title').trim();
      const artist = cell('Artist').trim();
      const releaseId = cell('release_id').trim();
      if (releaseId !== '' && !/^\d+$/.test(releaseId)) {
        // The cell is not quoted back: error messages never carry file content (it may not be a CSV of records at all).
        throw badInput(file, `line ${line}`, 'release_id is not a Discogs release number');
      }
      if (title === '') {
        skipped++;
        notes.add(msg('note.untitled_line', { line }));
        return null;
      }
      return {
        label: `line ${line}`,
        title,
        year: yearOrNull(cell('Released')),
        support: supportFromDiscogsFormat(cell('Format')),
        source: 'discogs',
        artists: artist === '' ? [] : [artist],
        discogs_id: releaseId === '' ? null : releaseId,
        discogs_url: releaseId === '' ? null : `https://www.discogs.com/release/${releaseId}`,
        created_at: dateAdded(cell('Date Added')) ?? isoLocal(clock.now()),
      };
    }
  }

  return {
    albums: { [Symbol.asyncIterator]: albums },
    skipped: () => skipped,
    progress: () => ({ done: bytesRead, total }),
    // A release owned twice: found by the staging table (import-run.ts), not a map of every id.
    duplicate(album, first) {
      skipped++;
      // Labels are "line N": the note gives the numbers, in words of the reader's language.
      notes.add(msg('note.owned_twice', { line: album.label.replace(/^line /, ''), first: first.replace(/^line /, ''), album: albumName(album) }));
    },
    close: () => input?.destroy(),
  };
}

/**
 * Drops a leading BOM and turns CRLF and CR into LF, so csv-parse's line numbers are the lines
 * an editor shows. A CR at the end of a chunk waits for the next one (it may start a CRLF).
 */
class LineEnds extends Transform {
  sawText = false;
  private first = true;
  private pendingCR = false;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = (this.pendingCR ? '\r' : '') + chunk;
    if (this.first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      this.first = false;
    }
    this.pendingCR = text.endsWith('\r');
    if (this.pendingCR) text = text.slice(0, -1);
    if (!this.sawText && /\S/.test(text)) this.sawText = true;
    done(null, text.replace(/\r\n?/g, '\n'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pendingCR ? '\n' : '');
  }
}

/** csv-parse's errors in the user's words, with the line where the bad record starts. */
/** The file's first line as CSV cells, or none when it cannot be read as such. */
function headerOf(file: string): string[] {
  try {
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const size = fs.readSync(fd, buffer, 0, buffer.length, 0);
    fs.closeSync(fd);
    const first = buffer.toString('utf8', 0, size).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const [cells] = parseSync(first, { relax_column_count: true }) as string[][];
    return cells ?? [];
  } catch {
    return [];
  }
}

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
