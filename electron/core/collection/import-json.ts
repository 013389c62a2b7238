/**
 * This app's own JSON export (DESIGN.md §2) → incoming albums, streamed: the file is read in
 * chunks by stream-json's tokenizer and each album is assembled, checked and handed on alone,
 * so memory stays bounded whatever the file's size (a 1M-album export is ~400 MB of text).
 * Each album's shape is checked with zod and the first problem is reported by its path
 * (`albums[3].title: expected a string, got 42`); a syntax error by its line and column.
 * Ids, created_at and every stored value are taken as written, so export → import into an
 * empty collection → export gives the same albums. `tracks` (an extra key the exporter adds)
 * restores the track list; without it an album has no tracks.
 */
import fs from 'node:fs';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import * as z from '../../../shared/zod.js';
import { withCompiledParsers } from '../../../shared/zod.js';
import { isoLocal } from '../time-format.js';
import type { Clock } from '../types.js';
import type { ImportSource } from './import-source.js';
import { badInput, textOrNull, type IncomingAlbum } from './incoming.js';

const text = z.string().nullable().optional();

// Parsed once per album of the file: built with zod's compiled parsers (shared/zod.ts).
const albumSchema = withCompiledParsers(() => {
  const trackSchema = z.object({
    position: z.number().int().nullable(),
    title: z.string(),
    duration_seconds: z.number().int().nonnegative().nullable(),
  });
  return z.looseObject({
    id: z.number().int().positive().optional(),
    title: z.string().refine((value) => value.trim() !== '', 'must not be empty'),
    year: z.number().int().positive().nullable().optional(),
    support: text,
    source: text,
    spotify_url: text,
    artists: z.array(z.string().refine((value) => value.trim() !== '', 'must not be empty')),
    tracks_count: z.number().int().nonnegative().optional(),
    discogs_id: z.union([z.string(), z.number().int()]).nullable().optional(),
    discogs_url: text,
    genre: text,
    image_url: text,
    created_at: text,
    tracks: z.array(trackSchema).optional(),
  });
});

/** The document's other keys (albums are checked one by one as they stream past). */
const headerSchema = z.looseObject({
  export_date: z.string().optional(),
  total_albums: z.number().int().nonnegative().optional(),
});

type ExportAlbum = z.infer<typeof albumSchema>;

/** Characters handed to the tokenizer at a time. */
const CHUNK_BYTES = 256 * 1024;

export function readJsonExport(file: string, clock: Clock): ImportSource {
  const total = fs.statSync(file).size;
  const now = isoLocal(clock.now());
  let bytesRead = 0;
  let input: fs.ReadStream | undefined;

  async function* albums(): AsyncGenerator<IncomingAlbum> {
    input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    const tokens = tokenizer(file);
    const reader = exportReader(file, now);
    for await (const chunk of input as AsyncIterable<string>) {
      bytesRead += Buffer.byteLength(chunk);
      yield* reader.take(tokens.feed(chunk));
    }
    yield* reader.take(tokens.end());
    reader.finish();
  }

  return { albums: albums(), progress: () => ({ done: bytesRead, total }), skipped: () => 0, close: () => input?.destroy() };
}

/**
 * stream-json's tokenizer over the file's text. Its errors say what, not where: on one, the
 * file is tokenized again up to the failing chunk, which is then fed a character at a time to
 * find the line and column (only on the error path, still in bounded memory).
 */
function tokenizer(file: string): { feed(chunk: string): Token[]; end(): Token[] } {
  const parse = jsonParser({ streamValues: false });
  const where = position();
  let started = false;
  const run = (input: string | typeof none): Token[] => {
    const out = parse(input as string);
    return out === none ? [] : isMany(out) ? getManyValues(out as never) : [out as Token];
  };
  return {
    feed(chunk) {
      // A byte-order mark is not JSON: the tokenizer would refuse it.
      const text = started ? chunk : chunk.replace(/^\uFEFF/, '');
      started = true;
      let tokens: Token[];
      try {
        tokens = run(text);
      } catch {
        throw syntaxError(file, locate(file, where.chars, text), 'unexpected character');
      }
      where.advance(text);
      return tokens;
    },
    end() {
      try {
        return run(none);
      } catch {
        throw syntaxError(file, where, where.chars === where.blank ? 'empty file' : 'the file ends too early');
      }
    },
  };
}

interface Position {
  line: number;
  column: number;
  /** Characters advanced over. */
  chars: number;
  /** How many of them were white space from the start (all of them: an empty file). */
  blank: number;
  advance(text: string): void;
}

function position(): Position {
  return {
    line: 1,
    column: 1,
    chars: 0,
    blank: 0,
    advance(text) {
      if (this.blank === this.chars) this.blank += /^\s*/.exec(text)![0].length;
      this.chars += text.length;
      let last = -1;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        this.line++;
        last = at;
      }
      this.column = last === -1 ? this.column + text.length : text.length - last;
    },
  };
}

/** Where the tokenizer fails in `failing`, which follows the first `before` characters of the file. */
function locate(file: string, before: number, failing: string): Position {
  const parse = jsonParser({ streamValues: false });
  const where = position();
  const fd = fs.openSync(file, 'r');
  try {
    // The text before the failing chunk, tokenized again (it was valid), in bounded pieces.
    const decoder = new TextDecoder();
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let pending = '';
    let first = true;
    while (where.chars < before) {
      if (pending === '') {
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        pending = decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
        if (first) pending = pending.replace(/^\uFEFF/, '');
        first = false;
        if (n === 0 && pending === '') break;
      }
      const piece = pending.slice(0, before - where.chars);
      pending = pending.slice(piece.length);
      parse(piece);
      where.advance(piece);
    }
  } finally {
    fs.closeSync(fd);
  }
  for (const char of failing) {
    try {
      parse(char);
    } catch {
      return where;
    }
    where.advance(char);
  }
  return where;
}

function syntaxError(file: string, at: Position, reason: string): Error {
  return badInput(file, `line ${at.line} column ${at.column}`, `invalid JSON (${reason})`);
}

/**
 * Tokens → albums: the top level must be an object with an `albums` array; each element is
 * assembled alone, checked and mapped. The other top-level values are small and kept to be
 * checked at the end.
 */
function exportReader(file: string, now: string): { take(tokens: Token[]): Generator<IncomingAlbum>; finish(): void } {
  let state: 'start' | 'key' | 'value' | 'albums' | 'end' = 'start';
  let key = '';
  let sawAlbums = false;
  let index = 0;
  const header: Record<string, unknown> = {};
  const value = new Assembler();
  let assembling = false;

  /** Feeds one token to the assembler; true once a whole value is there. */
  const assemble = (token: Token): boolean => {
    value.consume(token);
    assembling = !value.done;
    return value.done;
  };

  return {
    *take(tokens) {
      for (const token of tokens) {
        switch (state) {
          case 'start':
            if (token.name !== 'startObject') throw notAnExport(file, describeToken(token));
            state = 'key';
            break;
          case 'key':
            if (token.name === 'endObject') state = 'end';
            else if (token.name === 'keyValue') {
              key = token.value;
              state = 'value';
            }
            break;
          case 'value':
            if (key === 'albums' && !assembling) {
              if (token.name !== 'startArray') {
                throw badInput(file, null, `albums: expected an array, got ${describeToken(token)}`);
              }
              sawAlbums = true;
              state = 'albums';
            } else if (assemble(token)) {
              header[key] = value.current;
              state = 'key';
            }
            break;
          case 'albums':
            if (!assembling && token.name === 'endArray') state = 'key';
            else if (assemble(token)) yield checkedAlbum(file, value.current, index++, now);
            break;
          case 'end':
            break;
        }
      }
    },
    finish() {
      if (!sawAlbums) throw notAnExport(file, 'an object');
      const result = headerSchema.safeParse(header);
      if (!result.success) throw shapeError(file, header, result.error, []);
    },
  };
}

function checkedAlbum(file: string, data: unknown, index: number, now: string): IncomingAlbum {
  const result = albumSchema.safeParse(data);
  if (!result.success) throw shapeError(file, data, result.error, ['albums', index]);
  return toIncoming(result.data, index, now);
}

function notAnExport(file: string, got: string): Error {
  return badInput(file, null, `not an AIME JSON export (expected an object with "albums", got ${got})`);
}

/** What kind of value a token starts, never the value itself. */
function describeToken(token: Token): string {
  switch (token.name) {
    case 'startObject':
      return 'an object';
    case 'startArray':
      return 'an array';
    case 'stringValue':
    case 'startString':
      return 'a string';
    case 'numberValue':
      return describe(Number(token.value), true);
    case 'startNumber':
      return 'a number';
    case 'nullValue':
      return 'null';
    case 'trueValue':
    case 'falseValue':
      return 'a boolean';
    default:
      return 'something else';
  }
}

function toIncoming(album: ExportAlbum, index: number, now: string): IncomingAlbum {
  const discogsId = album.discogs_id === undefined || album.discogs_id === null ? album.discogs_id : String(album.discogs_id);
  return {
    label: `albums[${index}]`,
    id: album.id,
    title: album.title,
    year: album.year ?? null,
    support: textOrNull(album.support),
    source: textOrNull(album.source),
    artists: album.artists,
    discogs_id: discogsId,
    discogs_url: album.discogs_url,
    spotify_url: album.spotify_url,
    genre: album.genre,
    image_url: album.image_url,
    created_at: album.created_at ?? now,
    tracks: album.tracks,
  };
}

/** `albums[3].title` from zod's path. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let current: unknown = data;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || !(part in current)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { found: true, value: current };
}

/** What kind of value was found, never the value: messages do not quote file content. */
function describe(value: unknown, withArticle = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return withArticle ? 'an array' : 'array';
  if (typeof value === 'object') return withArticle ? 'an object' : 'object';
  if (typeof value === 'string') return withArticle ? 'a string' : 'string';
  if (typeof value === 'boolean') return withArticle ? 'a boolean' : 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? (withArticle ? 'an integer' : 'integer') : withArticle ? 'a number' : 'number';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  array: 'an array',
  object: 'an object',
  boolean: 'true or false',
};

/** The first problem zod found in `data`, which sits at `prefix` in the document. */
function shapeError(file: string, data: unknown, error: z.ZodError, prefix: PropertyKey[]): Error {
  const issue = error.issues[0]!;
  const where = formatPath([...prefix, ...issue.path]);
  const { found, value } = valueAt(data, issue.path);
  let message: string;
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    message = found ? `expected ${expected}, got ${describe(value, true)}` : `missing (expected ${expected})`;
  } else if (issue.code === 'invalid_union') {
    message = `expected a string or an integer, got ${describe(value, true)}`;
  } else if (issue.code === 'too_small' || issue.code === 'too_big') {
    message = `the ${describe(value)} is out of range (${issue.message})`;
  } else {
    message = issue.message;
  }
  const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return badInput(file, null, `${where === '' ? '' : `${where}: `}${message}${others}`);
}
