/**
 * This app's own JSON export (DESIGN.md §2) → incoming albums. The shape is checked with zod
 * and the first problem is reported by its path (`albums[3].title: expected a string, got 42`).
 * Ids, created_at and every stored value are taken as written, so export → import into an
 * empty collection → export gives the same albums. `tracks` (an extra key the exporter adds)
 * restores the track list; without it an album has no tracks.
 */
import fs from 'node:fs';
import * as z from '../../../shared/zod.js';
import { withCompiledParsers } from '../../../shared/zod.js';
import { isoLocal } from '../time-format.js';
import type { Clock } from '../types.js';
import type { ImportSource } from './import-source.js';
import { badInput, textOrNull, type IncomingAlbum } from './incoming.js';

const text = z.string().nullable().optional();

// Parsed once per album of the file: built with zod's compiled parsers (shared/zod.ts).
const exportSchema = withCompiledParsers(() => {
  const trackSchema = z.object({
    position: z.number().int().nullable(),
    title: z.string(),
    duration_seconds: z.number().int().nonnegative().nullable(),
  });

  const albumSchema = z.looseObject({
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

  return z.looseObject({
    export_date: z.string().optional(),
    total_albums: z.number().int().nonnegative().optional(),
    albums: z.array(albumSchema),
  });
});

type ExportAlbum = z.infer<typeof exportSchema>['albums'][number];

export function readJsonExport(file: string, clock: Clock): ImportSource {
  const content = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw jsonSyntaxError(file, content, error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('albums' in data)) {
    throw badInput(
      file,
      null,
      `not an AIME JSON export (expected an object with "albums", got ${describe(data, true)})`,
    );
  }
  const result = exportSchema.safeParse(data);
  if (!result.success) throw shapeError(file, data, result.error);

  const now = isoLocal(clock.now());
  const albums = result.data.albums.map((album, index) => toIncoming(album, index, now));
  return { albums, skipped: () => 0, close: () => {} };
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

function shapeError(file: string, data: unknown, error: z.ZodError): Error {
  const issue = error.issues[0]!;
  const where = formatPath(issue.path);
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

/** JSON.parse's message, with the line:column computed from its character position. */
function jsonSyntaxError(file: string, content: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  let at = content.trim() === '' ? 0 : content.length;
  if (position) at = Number(position[1]);
  const before = content.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  // JSON.parse's message quotes the text around the error: only where it is, is said.
  const reason = content.trim() === '' ? 'empty file' : /end of (JSON|data)/i.test(message) ? 'the file ends too early' : 'unexpected character';
  return badInput(file, `line ${line} column ${column}`, `invalid JSON (${reason})`);
}
