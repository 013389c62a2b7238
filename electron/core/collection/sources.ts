/**
 * The `sources` table: linked sources, their sealed token and the result of their last sync.
 * The token goes in through `add` and out only through `tokenFor`, towards the Discogs client:
 * every view says `has_token` instead.
 *
 * A token is bound to the origin (scheme, host, port) of the Discogs API it was entered for
 * (AIME_DISCOGS_API_URL, default https://api.discogs.com), as the EurIA key is to its URL's:
 * if the API URL later points elsewhere, `tokenFor` refuses to hand it out and the sync fails
 * saying so (it does not go on without the token: a private collection would read as refused,
 * a public one at a lower rate, and the person would not know why) until the token is entered
 * again, which binds it to the new origin. The token is withheld, never deleted: the URL comes
 * from one process's environment, and the next process may well point back at Discogs.
 */
import path from 'node:path';
import { originOf } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import type { SourceKind, SourceView, SyncResult } from '../../../shared/sources.js';
import { msg } from '../../../shared/messages/index.js';
import { DEFAULT_DISCOGS_API_URL, DISCOGS_API_URL_ENV } from '../discogs/client.js';
import type { SecretSealer } from '../secrets.js';
import type { Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';

interface SourceRow {
  id: number;
  kind: SourceKind;
  location: string;
  secret: string | null;
  secret_origin: string | null;
  created_at: string;
  last_sync_at: string | null;
  last_result: string | null;
  album_count: number;
}

export interface SourceStore {
  list(): SourceView[];
  get(id: number): SourceView;
  /**
   * Links a source. A file is checked and its format detected now, so a typo fails here.
   * A Discogs account already linked, given with a token, has its token entered again (bound
   * to the current API origin); without one it is refused as already linked.
   */
  add(request: { kind: 'discogs'; username: string; token?: string } | { kind?: SourceKind; path: string }, now: string): SourceView;
  /** Unlinks a source and removes its albums; returns how many were removed. */
  remove(id: number): { source: SourceView; removed: number };
  /**
   * The plain token for the Discogs client about to call `apiUrl`; null when none is stored.
   * Throws when the token was entered for another origin: it is never sent there.
   */
  tokenFor(id: number, apiUrl: string): string | null;
  recordResult(id: number, at: string, result: SyncResult): void;
}

const SELECT = `SELECT s.*, (SELECT count(*) FROM albums a WHERE a.source_id = s.id) AS album_count FROM sources s`;

export interface SourceStoreOptions {
  /** The Discogs API a token entered now is for (AIME_DISCOGS_API_URL); read when a token is entered. */
  discogsApiUrl?: () => string;
}

export function createSourceStore(db: Db, sealer: SecretSealer, options: SourceStoreOptions = {}): SourceStore {
  const discogsApiUrl = options.discogsApiUrl ?? (() => DEFAULT_DISCOGS_API_URL);
  const view = (row: SourceRow): SourceView => ({
    id: row.id,
    kind: row.kind,
    location: row.location,
    has_token: row.secret !== null,
    created_at: row.created_at,
    last_sync_at: row.last_sync_at,
    last_result: row.last_result ? (JSON.parse(row.last_result) as SyncResult) : null,
    album_count: row.album_count,
  });
  const row = (id: number): SourceRow => {
    const found = db.prepare<[number], SourceRow>(`${SELECT} WHERE s.id = ?`).get(id);
    if (!found) throw new AimeError('not_found', `no linked source with id ${id}`, { valid: ids() }, msg('error.source_unknown', { id: String(id) }));
    return found;
  };
  const ids = (): number[] => db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as number[];

  return {
    list: () => db.prepare<[], SourceRow>(`${SELECT} ORDER BY s.id`).all().map(view),
    get: (id) => view(row(id)),
    add(request, now) {
      let kind: SourceKind;
      let location: string;
      let secret: string | null = null;
      let secretOrigin: string | null = null;
      if ('username' in request) {
        kind = 'discogs';
        location = request.username;
        if (request.token) {
          secretOrigin = originOf(discogsApiUrl());
          secret = sealer.seal(request.token);
        }
      } else {
        location = path.resolve(request.path);
        assertReadableFile(location);
        kind = request.kind ?? detectImportFormat(location);
      }
      const existing = db
        .prepare<[string, string], { id: number }>('SELECT id FROM sources WHERE kind = ? AND location = ?')
        .get(kind, location);
      if (existing && secret !== null) {
        db.prepare('UPDATE sources SET secret = ?, secret_origin = ? WHERE id = ?').run(secret, secretOrigin, existing.id);
        return view(row(existing.id));
      }
      if (existing) {
        const name = kind === 'discogs' ? `discogs:${location}` : location;
        throw new AimeError('invalid_input', `${name} is already linked (source ${existing.id})`, undefined, msg('error.source_linked', { source: name }));
      }
      const id = Number(
        db
          .prepare('INSERT INTO sources (kind, location, secret, secret_origin, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(kind, location, secret, secretOrigin, now).lastInsertRowid,
      );
      return view(row(id));
    },
    remove(id) {
      const source = view(row(id));
      const removed = db.transaction(() => {
        const count = db.prepare('DELETE FROM albums WHERE source_id = ?').run(id).changes;
        db.prepare(
          'DELETE FROM artists WHERE NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = artists.id)',
        ).run();
        db.prepare('DELETE FROM sources WHERE id = ?').run(id);
        return count;
      })();
      return { source: { ...source, album_count: 0 }, removed };
    },
    tokenFor(id, apiUrl) {
      const source = row(id);
      const sealed = source.secret;
      if (sealed === null) return null;
      const origin = originOf(apiUrl);
      if (source.secret_origin !== origin) {
        const bound = source.secret_origin ?? 'an unknown server';
        throw new AimeError(
          'invalid_input',
          `the Discogs token of source ${id} was entered for ${bound}, and the Discogs API is now ${origin} ` +
            `(${DISCOGS_API_URL_ENV}): it is not sent there. Enter the token again for this server ` +
            `(aime source add discogs:${source.location} --token -), or point ${DISCOGS_API_URL_ENV} back to ${bound}`,
          { source: id, token_origin: bound, api_origin: origin },
          msg('error.token_other_origin', { source: id, username: source.location, bound, origin }),
        );
      }
      const plain = sealer.open(sealed);
      if (plain === null) {
        throw new AimeError(
          'invalid_input',
          `the Discogs token of source ${id} was sealed by the desktop app's keychain and cannot be read here; ` +
            'sync from the app, or link the account again with --token',
          undefined,
          msg('error.token_sealed'),
        );
      }
      return plain;
    },
    recordResult(id, at, result) {
      db.prepare('UPDATE sources SET last_sync_at = ?, last_result = ? WHERE id = ?').run(at, JSON.stringify(result), id);
    },
  };
}
