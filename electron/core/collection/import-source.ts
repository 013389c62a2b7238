import type { IncomingAlbum } from './incoming.js';

/** What an importer hands over once its file is read and validated. */
export interface ImportSource {
  /** Read lazily by the writer inside the import transaction. */
  albums: Iterable<IncomingAlbum>;
  /** Rows the reader itself set aside so far (each already has its note). */
  skipped(): number;
  /** Releases what the reader holds open (the source database). */
  close(): void;
}
