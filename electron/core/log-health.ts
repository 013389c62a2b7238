/**
 * Failures of the log and of the CLI's stdout/stderr, counted and never thrown. Apart from
 * log.ts (and electron-log) because every `aime` command writes through these sinks, even
 * `--version`, which must not load the file logger.
 */
import type { LogHealth } from './types.js';

export interface LogHealthCounter {
  health(): LogHealth;
  record(error: unknown): void;
}

export function createLogHealth(): LogHealthCounter {
  const state: LogHealth = { failures: 0, last_failure: null };
  return {
    health: () => ({ ...state }),
    record(error) {
      state.failures++;
      const code = (error as NodeJS.ErrnoException | null)?.code;
      state.last_failure = code ?? (error instanceof Error ? error.message : String(error));
    },
  };
}

const guardedStreams = new WeakMap<NodeJS.WritableStream, Set<LogHealthCounter>>();

/**
 * Lines to a stream whose failures are counted, never thrown: a broken pipe or a full disk on
 * stderr arrives as an 'error' event, which would end the process if nobody listened.
 */
export function guardedStreamSink(stream: NodeJS.WritableStream, counter: LogHealthCounter): (line: string) => void {
  let counters = guardedStreams.get(stream);
  if (!counters) {
    const all = new Set<LogHealthCounter>();
    counters = all;
    guardedStreams.set(stream, all);
    stream.on('error', (error) => {
      for (const each of all) each.record(error);
    });
  }
  counters.add(counter);
  return (line) => {
    try {
      stream.write(`${line}\n`);
    } catch (error) {
      counter.record(error);
    }
  };
}
