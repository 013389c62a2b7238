/** Where the `aime` command writes, and what it knows about the terminal it writes to. */
import type { CoreOptions } from '../core/app.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout/stderr is a terminal: colour is only ever used there (and never under NO_COLOR). */
  isTTY?: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  untilStopped?: () => Promise<string>;
  /** Extra core options (tests inject a clock or timers). */
  coreOptions?: Partial<CoreOptions>;
}

export function defaultIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
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
