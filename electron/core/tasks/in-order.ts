/**
 * Jobs shared between this thread and a worker, consumed in order. The worker's jobs are sent
 * up to `ahead` jobs in front of the one being consumed, so it works while this thread formats
 * and writes. When this thread would wait for the worker, it takes the next job not yet sent
 * and runs it itself instead: the split follows whichever thread is faster at the time (both
 * share a busy machine), and at most `ahead` results of each kind wait in memory.
 */
export interface Split<R> {
  /** How many jobs (0 … count - 1). */
  count: number;
  /** Runs job k on this thread (synchronous work: the worker's replies wait meanwhile). */
  here(k: number): R | Promise<R>;
  /** Sends job k to the worker; null when there is none (every job runs here). */
  there: ((k: number) => Promise<R>) | null;
  /** Whether job k may go to the worker; the others run here in their turn. */
  onWorker(k: number): boolean;
  ahead: number;
}

interface Pending<R> {
  result: Promise<R>;
  settled: boolean;
  /** Run here though meant for the worker. */
  stolen: boolean;
}

export async function* inOrder<R>(split: Split<R>): AsyncGenerator<R> {
  const { count, here, there, onWorker, ahead } = split;
  const pending = new Map<number, Pending<R>>();
  let stolen = 0;
  /** Jobs below `next` have been sent, or taken by this thread. */
  let next = 0;
  const send = (k: number) => {
    // A job the worker could not do (it may have stopped) is done here: slower, not failed.
    // A job that fails here too fails the whole, with this thread's error.
    const entry: Pending<R> = { result: there!(k).catch(() => here(k)), settled: false, stolen: false };
    // Awaited in its turn; until then a failure must not count as unhandled.
    entry.result.then(
      () => (entry.settled = true),
      () => (entry.settled = true),
    );
    pending.set(k, entry);
  };
  for (let k = 0; k < count; k++) {
    for (; there && next < count && next <= k + ahead; next++) if (onWorker(next)) send(next);
    const entry = pending.get(k);
    if (!entry) {
      yield await here(k);
      continue;
    }
    while (!entry.settled && stolen < ahead && next < count) {
      const j = next++;
      if (!onWorker(j)) continue;
      pending.set(j, { result: Promise.resolve(await here(j)), settled: true, stolen: true });
      stolen++;
      // Let the worker's replies in before deciding to take another job.
      await new Promise((resolve) => setImmediate(resolve));
    }
    pending.delete(k);
    if (entry.stolen) stolen--;
    yield await entry.result;
  }
}
