/**
 * Linked sources: what the user links (a Discogs account, an AIME musique.db, a Discogs CSV
 * export, an AIME/JSON export), re-read by the `sync_collection` task. Views never carry the
 * Discogs token: only whether one is stored.
 */
import { z } from 'zod';

export const SOURCE_KINDS = ['discogs', 'aime-db', 'discogs-csv', 'json'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What one sync did, `+added ~updated −removed`. */
export interface SyncCounts {
  added: number;
  updated: number;
  removed: number;
  /** Albums the source still has, unchanged. */
  unchanged: number;
}

export type SyncResult =
  | ({ status: 'completed' } & SyncCounts)
  | { status: 'failed'; error: string };

export interface SourceView {
  id: number;
  kind: SourceKind;
  /** Absolute file path, or the Discogs username. */
  location: string;
  /** True when a token is stored (the token itself never leaves the engine). */
  has_token: boolean;
  created_at: string;
  last_sync_at: string | null;
  last_result: SyncResult | null;
  /** Albums in the collection that came from this source. */
  album_count: number;
}

/** One source's outcome in a sync of all sources. */
export interface SourceSyncReport {
  source: SourceView;
  result: SyncResult;
}

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

export const sourceIdSchema = z.number().int().positive();

/** "+3 ~1 −2" as the CLI, the history and the window show it. */
export function formatSyncCounts(counts: Pick<SyncCounts, 'added' | 'updated' | 'removed'>): string {
  return `+${counts.added} ~${counts.updated} −${counts.removed}`;
}

/** `discogs:USERNAME` on the command line. */
export function parseSourceArgument(argument: string): { kind: 'discogs'; username: string } | { path: string } {
  const match = /^discogs:(.*)$/i.exec(argument);
  return match ? { kind: 'discogs', username: match[1]! } : { path: argument };
}
