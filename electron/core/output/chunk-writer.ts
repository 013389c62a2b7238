/**
 * A buffered text writer for streaming exports. Callers `push` small strings; when the
 * buffer passes the threshold `push` returns false and the caller awaits `drain()`, which
 * writes the buffer to the file. Only one write is ever in flight, so memory stays bounded
 * by the threshold however large the collection (DESIGN.md: never build the document).
 */
import type { FileHandle } from 'node:fs/promises';

const DEFAULT_THRESHOLD = 1 << 20; // characters; about 1 MiB of mostly-ASCII text

export class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  /** Bytes written to the file so far. */
  bytesWritten = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly threshold = DEFAULT_THRESHOLD,
  ) {}

  /** Queues text; false means "await drain() before pushing much more". */
  push(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size < this.threshold;
  }

  /** Writes everything queued so far. */
  async drain(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    const { bytesWritten } = await this.file.write(text, null, 'utf8');
    this.bytesWritten += bytesWritten;
  }
}
