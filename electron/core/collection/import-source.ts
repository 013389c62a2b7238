import type { NoteList } from './album-writer.js';
import type { IncomingAlbum } from './incoming.js';

/** A set-based pass some sources run first, inside the import transaction. */
export interface BulkPass {
  added: number;
  /** True for an album the pass created (so a later duplicate row is reported as one). */
  createdThisImport(albumId: number): boolean;
  /** Drops its scratch tables; called before the transaction ends. */
  finish(): void;
}

/** What an importer hands over once its file is read and validated. */
export interface ImportSource {
  /** Adds what it can set-based; `albums` then yields only the rest. */
  bulk?: (context: { now: string; notes: NoteList }) => BulkPass;
  /**
   * Read lazily by the writer inside the import transaction; an async iterable (a streamed
   * file) is read first into a staging table, outside it (import-run.ts).
   */
  albums: Iterable<IncomingAlbum> | AsyncIterable<IncomingAlbum>;
  /** How far the reader is in its file, for progress (e.g. bytes). */
  progress?(): { done: number; total: number };
  /**
   * For a streamed source: called instead of staging an album whose discogs_id an earlier one
   * had (`first` is that one's label). Without it, such albums reach the writer.
   */
  duplicate?(album: IncomingAlbum, first: string): void;
  /** Rows the reader itself set aside so far (each already has its note). */
  skipped(): number;
  /** Releases what the reader holds open (the source database). */
  close(): void;
}
