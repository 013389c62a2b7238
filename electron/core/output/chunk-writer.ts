/**
 * A buffered writer for streaming exports. Callers `push` small strings or byte buffers; when
 * more than the threshold is waiting `push` returns false and the caller awaits `drain()`,
 * which writes it to the file. Text is encoded into one reused byte buffer as soon as it is
 * pushed, so the many short strings of an export die young (nothing waits in a queue long
 * enough to be promoted to the old generation) and memory stays bounded however large the
 * collection (DESIGN.md: never build the document). Only one write is ever in flight.
 *
 * Every `syncEvery` bytes it asks the system to flush what is written so far (fdatasync, in
 * the background, while the export goes on), so the fsync that must end the file before it is
 * published (atomic-write.ts) has only the tail left: 30 ms less on a 70 MB export (issue 14).
 * `finish()` writes the rest and waits for that flush; a failed flush fails it.
 */
import type { FileHandle } from 'node:fs/promises';

const DEFAULT_THRESHOLD = 1 << 20; // bytes waiting before asking for a drain
const DEFAULT_SYNC_EVERY = 8 << 20;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (4 for a surrogate pair, i.e. 2 units). */
const MAX_BYTES_PER_UNIT = 3;

export class ChunkWriter {
  private readonly bytes: Buffer;
  private used = 0;
  /** What did not fit in `bytes` (rare: a very long string or page), in order, after `bytes`. */
  private overflow: Array<string | Buffer> = [];
  private draining = false;
  private syncing: Promise<void> | null = null;
  private syncedTo = 0;
  private syncFailure: unknown = null;
  private readonly encoder = new TextEncoder();
  /** Bytes written to the file so far. */
  bytesWritten = 0;

  private readonly threshold: number;
  private readonly syncEvery: number;

  constructor(
    private readonly file: FileHandle,
    options: { threshold?: number; syncEvery?: number } = {},
  ) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.syncEvery = options.syncEvery ?? DEFAULT_SYNC_EVERY;
    this.bytes = Buffer.allocUnsafeSlow(this.threshold * 4);
  }

  /** Queues text (written as UTF-8) or bytes; false means "await drain() before pushing more". */
  push(chunk: string | Buffer): boolean {
    if (this.draining) throw new Error('ChunkWriter: push() while drain() is writing; await drain() first');
    if (this.overflow.length > 0 || !this.copyIn(chunk)) this.overflow.push(chunk);
    return this.used < this.threshold && this.overflow.length === 0;
  }

  /** Writes everything pushed so far, in order. */
  async drain(): Promise<void> {
    this.draining = true;
    try {
      await this.flush();
      const overflow = this.overflow;
      this.overflow = [];
      for (const chunk of overflow) {
        if (this.copyIn(chunk)) continue;
        await this.flush();
        if (!this.copyIn(chunk)) await this.writeAll(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      }
      await this.flush();
    } finally {
      this.draining = false;
    }
  }

  /** Writes everything pushed so far and waits for the background flush. */
  async finish(): Promise<void> {
    await this.drain();
    await this.syncing;
    if (this.syncFailure !== null) throw this.syncFailure;
  }

  /** Encodes or copies `chunk` into the buffer if it surely fits; false otherwise. */
  private copyIn(chunk: string | Buffer): boolean {
    const room = this.bytes.length - this.used;
    if (typeof chunk === 'string') {
      if (chunk.length * MAX_BYTES_PER_UNIT > room) return false;
      this.used += this.encoder.encodeInto(chunk, this.bytes.subarray(this.used)).written;
      return true;
    }
    if (chunk.length > room) return false;
    chunk.copy(this.bytes, this.used);
    this.used += chunk.length;
    return true;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writeAll(this.bytes.subarray(0, this.used));
    this.used = 0;
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
    this.bytesWritten += bytes.length;
    if (this.bytesWritten - this.syncedTo >= this.syncEvery && this.syncing === null) {
      this.syncedTo = this.bytesWritten;
      this.syncing = this.file
        .datasync()
        .catch((error: unknown) => void (this.syncFailure ??= error))
        .finally(() => (this.syncing = null));
    }
  }
}
