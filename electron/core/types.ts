/** Small interfaces injected everywhere in the core, so tests control time, network and logs. */

/** The wall clock. Tests pass a fake whose `now()` they move; nothing in core calls `new Date()` bare. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Lines end up as `2026-01-31 21:09:50,265 - module - INFO - message` (the seed's format). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger for a sub-module: its lines carry `module` in the second column. */
  child(module: string): Logger;
  /** Failed writes so far (file or console), when this logger writes somewhere that can fail. */
  health?(): LogHealth;
}

/** Logging never throws: a write that fails (disk full, closed stderr) is counted here instead. */
export interface LogHealth {
  failures: number;
  /** The last failure's error code or message, without the line that was being written. */
  last_failure: string | null;
}

/** The subset of WHATWG fetch the core uses (EurIA client); tests pass the real one against a local server. */
export type Fetcher = typeof fetch;

/**
 * Something the person should know about this start (settings recovered, a collection found
 * missing): the English line for the log and the API's plain fields, and the same as a code
 * plus parameters for each door to say in its reader's language.
 */
export interface Notice {
  line: string;
  text: import('../../shared/messages/index.js').MessageRef;
}
