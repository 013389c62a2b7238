/**
 * A buffered writer for streaming exports. Callers `push` small strings or byte buffers; when
 * the buffer passes the threshold `push` returns false and the caller awaits `drain()`, which
 * writes the buffer to the file. Only one write is ever in flight, so memory stays bounded by
 * the threshold however large the collection (DESIGN.md: never build the document).
 */
import type { FileHandle } from 'node:fs/promises';

const DEFAULT_THRESHOLD = 1 << 20; // about 1 MiB

export class ChunkWriter {
  private parts: Buffer[] = [];
  private text = '';
  private size = 0;
  /** Bytes written to the file so far. */
  bytesWritten = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly threshold = DEFAULT_THRESHOLD,
  ) {}

  /** Queues text (UTF-8) or bytes; false means "await drain() before pushing much more". */
  push(chunk: string | Buffer): boolean {
    if (typeof chunk === 'string') {
      this.text += chunk;
      this.size += chunk.length;
    } else {
      this.flushText();
      this.parts.push(chunk);
      this.size += chunk.length;
    }
    return this.size < this.threshold;
  }

  /** Writes everything queued so far. */
  async drain(): Promise<void> {
    this.flushText();
    if (this.parts.length === 0) return;
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
    this.bytesWritten += bytes.length;
  }

  private flushText(): void {
    if (this.text === '') return;
    this.parts.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}
