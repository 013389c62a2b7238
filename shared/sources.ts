/**
 * Linked sources: what the user links (a Discogs account, an AIME musique.db, a Discogs CSV
 * export, an AIME/JSON export), re-read by the `sync_collection` task. Views never carry the
 * Discogs token: only whether one is stored.
 */
import * as z from './zod.js';
import { messageRefSchema } from './messages/schema.js';
import { importSummarySchema, runResultSchema } from './api.js';

export const SOURCE_KINDS = ['discogs', 'aime-db', 'discogs-csv', 'json'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const DISCOGS_USERNAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `aime source add` / the API: a file (path) or a Discogs account (username + token). */
export const sourceAddSchema = z.union([
  z
    .object({
      kind: z.literal('discogs'),
      username: z.string().regex(DISCOGS_USERNAME, 'a Discogs username has letters, digits, ".", "_" or "-"'),
      /** Optional: a public collection can be read without one. */
      token: z.string().trim().min(1, 'the token is empty').max(200).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.enum(['aime-db', 'discogs-csv', 'json']).optional(),
      path: z.string().min(1, 'path must not be empty'),
    })
    .strict(),
]);
export type SourceAdd = z.infer<typeof sourceAddSchema>;

/** A source's id: a number, or its digits as a path segment carries them. */
export const sourceIdSchema = z
  .union([z.number(), z.string().regex(/^\d+$/, 'a source id is a whole number')])
  .transform(Number)
  .pipe(z.number().int().positive());

const syncCountsShape = {
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
};

export const syncResultSchema = z.union([
  z.object({ status: z.literal('completed'), ...syncCountsShape }),
  // `text`: the error as a code plus parameters (absent in results stored before it existed).
  z.object({ status: z.literal('failed'), error: z.string(), text: messageRefSchema.optional() }),
]);

export const sourceViewSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(SOURCE_KINDS),
  location: z.string(),
  has_token: z.boolean(),
  created_at: z.string(),
  last_sync_at: z.string().nullable(),
  last_result: syncResultSchema.nullable(),
  album_count: z.number().int().nonnegative(),
});

export const sourceListSchema = z.array(sourceViewSchema);

/** What one sync did, `+added ~updated −removed` (unchanged: albums the source still has as they were). */
export interface SyncCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}
export type SyncResult = z.infer<typeof syncResultSchema>;
/** A linked source as every door shows it: `has_token`, never the token. */
export type SourceView = z.infer<typeof sourceViewSchema>;

/** One source's outcome in a sync of all sources. */
export interface SourceSyncReport {
  source: SourceView;
  result: SyncResult;
}

export const sourceRemovedSchema = z.object({
  source: sourceViewSchema,
  /** Albums of the source removed with it. */
  removed: z.number().int().nonnegative(),
});

/** "+3 ~1 −2" as the CLI, the history and the window show it. */
export function formatSyncCounts(counts: Pick<SyncCounts, 'added' | 'updated' | 'removed'>): string {
  return `+${counts.added} ~${counts.updated} −${counts.removed}`;
}

/** `discogs:USERNAME` on the command line. */
export function parseSourceArgument(argument: string): { kind: 'discogs'; username: string } | { path: string } {
  const match = /^discogs:(.*)$/i.exec(argument);
  return match ? { kind: 'discogs', username: match[1]! } : { path: argument };
}

/** `syncSources`: the sync_collection run (history, single flight) and every source after it. */
export const syncAnswerSchema = z.object({ run: runResultSchema, sources: sourceListSchema });
export type SyncAnswer = z.infer<typeof syncAnswerSchema>;

/**
 * A file dropped on the web page, sent as base64 inside the API's 1 MiB body limit; it is
 * kept in the data folder and linked like a path (a file of the same name is replaced).
 */
export const UPLOAD_MAX_BYTES = 700 * 1024;
export const sourceUploadSchema = z
  .object({
    name: z
      .string()
      .min(1, 'the file has no name')
      .max(200)
      .refine((name) => !/[/\\]|^\.\.?$/.test(name), 'a file name, not a path'),
    data_base64: z.string().max(Math.ceil(UPLOAD_MAX_BYTES / 3) * 4 + 4, `files are limited to ${UPLOAD_MAX_BYTES / 1024} KiB here; larger ones: link them by path`),
  })
  .strict();
export type SourceUpload = z.infer<typeof sourceUploadSchema>;

/** `chooseImportFile`: the desktop's native file dialog for a one-shot import; `available` false where there is none. */
export const chosenImportSchema = z.object({
  available: z.boolean(),
  /** The import's summary; null when the dialog was cancelled or unavailable. */
  summary: importSummarySchema.nullable(),
});

/** `chooseSourceFile`: the desktop's native file dialog; `available` is false where there is none (a browser). */
export const chosenSourceSchema = z.object({
  available: z.boolean(),
  /** The source linked from the chosen file; null when the dialog was cancelled or unavailable. */
  source: sourceViewSchema.nullable(),
});
