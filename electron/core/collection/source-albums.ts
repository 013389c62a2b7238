/**
 * A linked source's albums as the sync reads them: the importers' own readers (same checks,
 * same mapping), each album tagged with its id at the source.
 */
import type { SourceKind } from '../../../shared/sources.js';
import type { Clock } from '../types.js';
import type { NoteList } from './album-writer.js';
import type { Db } from './database.js';
import { readAimeDatabase } from './import-aime-db.js';
import { readDiscogsCsv } from './import-discogs-csv.js';
import { readJsonExport } from './import-json.js';
import { importKey, type IncomingAlbum } from './incoming.js';

export interface OpenedSource {
  albums: AsyncIterable<IncomingAlbum> | Iterable<IncomingAlbum>;
  close(): void;
}

export interface SourceAlbumsDeps {
  db: Db;
  clock: Clock;
  notes: NoteList;
  /** The Discogs account's collection (discogs/collection.ts). */
  discogs(username: string): AsyncIterable<IncomingAlbum>;
}

export function openSourceAlbums(source: { kind: SourceKind; location: string }, deps: SourceAlbumsDeps): OpenedSource {
  const { location: file } = source;
  switch (source.kind) {
    case 'discogs':
      return { albums: deps.discogs(source.location), close: () => {} };
    case 'discogs-csv': {
      // The CSV's release_id; a row without one is known by its content (as a one-shot import does).
      const opened = readDiscogsCsv(file, deps.notes, deps.clock);
      return tagged(opened, (album) => album.discogs_id ?? importKey(album));
    }
    case 'json': {
      const opened = readJsonExport(file, deps.clock);
      return tagged(opened, (album) => (album.id !== undefined ? String(album.id) : importKey(album)));
    }
    case 'aime-db': {
      // The AIME album id. The streaming reader only: its set-based pass writes one-shot albums.
      const opened = readAimeDatabase(file, deps.notes, deps.clock, deps.db);
      return tagged(opened, (album) => String(album.id));
    }
  }
}

function tagged(
  opened: { albums: AsyncIterable<IncomingAlbum> | Iterable<IncomingAlbum>; close(): void },
  idOf: (album: IncomingAlbum) => string,
): OpenedSource {
  const { albums } = opened;
  async function* withIds(): AsyncGenerator<IncomingAlbum> {
    for await (const album of albums) yield { ...album, external_id: idOf(album) };
  }
  return { albums: withIds(), close: () => opened.close() };
}
