/** A peekable iterator over raw rows, for merging child rows (artists, tracks) into albums in one pass. */
export class RowCursor<Row extends unknown[]> {
  private current: IteratorResult<Row>;

  constructor(private readonly rows: IterableIterator<Row>) {
    this.current = rows.next();
  }

  /** The next row if its first column (the album id) is `albumId`; consumes it. */
  take(albumId: number): Row | undefined {
    if (this.current.done || this.current.value[0] !== albumId) return undefined;
    const row = this.current.value;
    this.current = this.rows.next();
    return row;
  }

  /** Skips rows of albums before `albumId` (children of albums that no longer exist). */
  skipBefore(albumId: number): void {
    while (!this.current.done && (this.current.value[0] as number) < albumId) this.current = this.rows.next();
  }

  close(): void {
    this.rows.return?.();
  }
}
