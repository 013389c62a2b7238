/** Where the `aime` command writes, and what it knows about the terminal it writes to. */
import type { CoreOptions } from '../core/app.js';
import { createLogHealth, guardedStreamSink } from '../core/log-health.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout/stderr is a terminal: colour is only ever used there (and never under NO_COLOR). */
  isTTY?: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  untilStopped?: () => Promise<string>;
  /** Reads a secret typed after `config set <key> -` (stdin, or a hidden prompt on a terminal). */
  readSecret?: (prompt: string) => Promise<string>;
  /** Extra core options (tests inject a clock or timers). */
  coreOptions?: Partial<CoreOptions>;
  /** A live status line on stderr (a TTY only); null clears it. */
  status?(line: string | null): void;
  /** Ctrl-C handling during a command that can be cancelled (`import`). */
  onInterrupt?(handler: () => void): () => void;
  /** Everything on standard input (`--token -`); default: the process's. */
  readStdin?: () => Promise<string>;
}

export function defaultIo(): CliIo {
  // A closed or full stdout/stderr must not end the process (serve keeps scheduling): failed
  // writes are counted like the log's, never thrown.
  const streams = createLogHealth();
  return {
    out: guardedStreamSink(process.stdout, streams),
    err: guardedStreamSink(process.stderr, streams),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
    status: process.stderr.isTTY ? (line) => void process.stderr.write(`\r\x1b[2K${line ?? ''}`) : undefined,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    untilStopped: () =>
      new Promise((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
      }),
  };
}

/**
 * What `--json` prints: one JSON document, pretty-printed, on stdout (for jq and scripts).
 * Every command that takes --json prints through this (a new `source list` too).
 */
export function printJson(io: Pick<CliIo, 'out'>, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
