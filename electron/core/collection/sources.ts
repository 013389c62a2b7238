/**
 * The `sources` table: linked sources, their sealed token and the result of their last sync.
 * The token goes in through `add` and out only through `tokenOf`, towards the Discogs client:
 * every view says `has_token` instead.
 */
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import type { SourceKind, SourceView, SyncResult } from '../../../shared/sources.js';
import { msg } from '../../../shared/messages/index.js';
import type { SecretSealer } from '../secrets.js';
import type { Db } from './database.js';
import { assertReadableFile, detectImportFormat } from './detect-format.js';

interface SourceRow {
  id: number;
  kind: SourceKind;
  location: string;
  secret: string | null;
  created_at: string;
  last_sync_at: string | null;
  last_result: string | null;
  album_count: number;
}

export interface SourceStore {
  list(): SourceView[];
  get(id: number): SourceView;
  /** Links a source. A file is checked and its format detected now, so a typo fails here. */
  add(request: { kind: 'discogs'; username: string; token?: string } | { kind?: SourceKind; path: string }, now: string): SourceView;
  /** Unlinks a source and removes its albums; returns how many were removed. */
  remove(id: number): { source: SourceView; removed: number };
  /** The plain token for the Discogs client; null when none is stored. */
  tokenOf(id: number): string | null;
  recordResult(id: number, at: string, result: SyncResult): void;
}

const SELECT = `SELECT s.*, (SELECT count(*) FROM albums a WHERE a.source_id = s.id) AS album_count FROM sources s`;

export function createSourceStore(db: Db, sealer: SecretSealer): SourceStore {
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
      if ('username' in request) {
        kind = 'discogs';
        location = request.username;
        secret = request.token ? sealer.seal(request.token) : null;
      } else {
        location = path.resolve(request.path);
        assertReadableFile(location);
        kind = request.kind ?? detectImportFormat(location);
      }
      const existing = db
        .prepare<[string, string], { id: number }>('SELECT id FROM sources WHERE kind = ? AND location = ?')
        .get(kind, location);
      if (existing) {
        const name = kind === 'discogs' ? `discogs:${location}` : location;
        throw new AimeError('invalid_input', `${name} is already linked (source ${existing.id})`, undefined, msg('error.source_linked', { source: name }));
      }
      const id = Number(
        db
          .prepare('INSERT INTO sources (kind, location, secret, created_at) VALUES (?, ?, ?, ?)')
          .run(kind, location, secret, now).lastInsertRowid,
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
    tokenOf(id) {
      const sealed = row(id).secret;
      if (sealed === null) return null;
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
