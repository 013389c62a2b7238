/** How `aime source` and `aime sync` show a linked source: `#3 discogs:collector (token) — 230 albums, synced …: +3 ~1 −0`. */
import { formatSyncCounts, type SourceView } from '../../shared/sources.js';
import { say } from './say.js';

export function sourceName(source: SourceView): string {
  return source.kind === 'discogs' ? `discogs:${source.location}` : `${source.kind} ${source.location}`;
}

export function describeSource(source: SourceView): string {
  const result = source.last_result;
  const last =
    result === null
      ? 'never synced'
      : result.status === 'completed'
        ? `synced ${source.last_sync_at}: ${formatSyncCounts(result)}`
        : `failed ${source.last_sync_at}: ${result.text ? say(result.text) : result.error}`;
  return `#${source.id} ${sourceName(source)}${source.has_token ? ' (token)' : ''} — ${source.album_count} albums, ${last}`;
}
