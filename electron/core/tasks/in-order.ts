/**
 * Jobs split between this thread and a worker, consumed in order. The worker's jobs are sent
 * up to `ahead` jobs in front of the one being consumed, so it works while this thread formats
 * and writes, and at most `ahead` results wait in memory.
 */
export interface Split<R> {
  /** How many jobs (0 … count - 1). */
  count: number;
  /** Runs job k on this thread, when its turn comes. */
  here(k: number): R | Promise<R>;
  /** Sends job k to the worker; null when there is none (every job runs here). */
  there: ((k: number) => Promise<R>) | null;
  /** Whether job k goes to the worker (when there is one). */
  onWorker(k: number): boolean;
  ahead: number;
}

export async function* inOrder<R>(split: Split<R>): AsyncGenerator<R> {
  const { count, here, there, onWorker, ahead } = split;
  const sent = new Map<number, Promise<R>>();
  let next = 0;
  for (let k = 0; k < count; k++) {
    for (; there && next < count && next <= k + ahead; next++) {
      if (!onWorker(next)) continue;
      const result = there(next);
      // Awaited in its turn; until then a failure must not count as unhandled.
      result.catch(() => undefined);
      sent.set(next, result);
    }
    const result = sent.get(k);
    sent.delete(k);
    yield result ? await result : await here(k);
  }
}
