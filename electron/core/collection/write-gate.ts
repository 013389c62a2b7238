/**
 * The write gate: who may write the collection database next. An import (or a sync) runs in a
 * worker thread on its own connection and holds the gate while its one writing transaction is
 * open. The engine's own writes on the main connection (run history, the schedule's state) go
 * through `run`: at once when the gate is free, else queued until the holder lets go.
 *
 * Without it, a write on the main connection during an import's transaction would block this
 * thread in SQLite's busy handler (the API and the tray frozen) and fail with SQLITE_BUSY after
 * the 5 s busy timeout. With it, this thread never waits on a lock: writes are queued promises.
 * Reads need no gate (WAL: a reader never waits for the writer).
 */
export interface WriteGate {
  /** True while a holder (an import's writing phase) has the gate. */
  readonly busy: boolean;
  /** Runs `write` now (synchronously) when the gate is free, else as soon as it is, in order. */
  run<T>(write: () => T): Promise<Awaited<T>>;
  /** Waits for the gate and holds it until the returned release is called (safe to call twice). */
  acquire(): Promise<() => void>;
}

export function createWriteGate(): WriteGate {
  let held = false;
  /** Each waiter is called on its turn; a holder's sets `held` and stops the queue until released. */
  const queue: Array<() => void> = [];

  const drain = (): void => {
    while (!held && queue.length > 0) queue.shift()!();
  };

  const free = (): boolean => !held && queue.length === 0;

  return {
    get busy() {
      return held;
    },

    run<T>(write: () => T): Promise<Awaited<T>> {
      const attempt = (): Promise<Awaited<T>> => {
        try {
          return Promise.resolve(write()) as Promise<Awaited<T>>;
        } catch (error) {
          return Promise.reject(error as Error);
        }
      };
      if (free()) return attempt();
      return new Promise((resolve, reject) =>
        queue.push(() => {
          attempt().then(resolve, reject);
        }),
      );
    },

    acquire() {
      return new Promise((resolve) => {
        const take = (): void => {
          held = true;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            held = false;
            drain();
          });
        };
        if (free()) take();
        else queue.push(take);
      });
    },
  };
}
