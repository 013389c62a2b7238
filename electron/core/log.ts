/**
 * The engine's logger: electron-log writing a size-rotated file in `<data>/logs/aime.log`,
 * one line per message in the seed's format:
 *   2026-01-31 21:09:50,265 - app.services.scheduler_service - INFO - 🗑️ Supprimé fichier ancien (haiku): …
 * `configureElectronLog` sets up any electron-log instance (Node's here, the main process's in
 * the desktop app), so the CLI, `aime serve` and the desktop app write the same file alike.
 * Each core gets its own instance (no module-level singleton): two cores in one test process
 * never share a file.
 *
 * Logging never kills the host: a write that fails (disk full, a closed or broken stderr) is
 * counted in `health()` — `status` reports it — and never thrown. The file is 0600 in a 0700
 * folder: log lines name the user's files and folders.
 */
import electronLog from 'electron-log/node.js';
import path from 'node:path';
import { ensurePrivateDir, narrowToOwner, PRIVATE_FILE_MODE } from './private-files.js';
import { logStamp } from './time-format.js';
import { createLogHealth, guardedStreamSink } from './log-health.js';
import type { LogHealth, Logger } from './types.js';

/** electron-log/main's instance and electron-log/node's share this shape (main adds IPC). */
export type ElectronLogInstance = typeof electronLog;
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** Folder of the log file (created if needed). */
  dir: string;
  /** Lowest level written to the file. */
  level?: Level;
  /** Also print lines on the console (`aime serve`, development), or hand them to this sink. */
  echo?: boolean | ((line: string, level: string) => void);
  /** Rotate when the file passes this size; the previous file is kept as aime.old.log. */
  maxBytes?: number;
}

export interface FileLogger extends Logger {
  readonly file: string;
  health(): LogHealth;
}

export function formatLogLine(date: Date, module: string, level: string, text: string): string {
  return `${logStamp(date)} - ${module} - ${level.toUpperCase()} - ${text}`;
}

type LogMessageLike = { message: { date: Date; scope?: string; level: string; data: unknown[] } };

function format({ message }: LogMessageLike): string[] {
  const text = message.data.map((part) => (part instanceof Error ? (part.stack ?? part.message) : String(part))).join(' ');
  return [formatLogLine(message.date, message.scope ?? 'aime', message.level, text)];
}

export function configureElectronLog(instance: ElectronLogInstance, options: FileLoggerOptions): FileLogger {
  const file = path.join(options.dir, 'aime.log');
  const level = options.level ?? 'info';
  const counter = createLogHealth();
  try {
    ensurePrivateDir(options.dir);
    narrowToOwner(file);
  } catch (error) {
    counter.record(error);
  }
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.level = level;
  instance.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  instance.transports.file.format = format as never;
  instance.transports.file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
  // As console.info/console.warn did: warnings and errors on stderr, the rest on stdout.
  const toStdout = options.echo === true ? guardedStreamSink(process.stdout, counter) : undefined;
  const toStderr = options.echo === true ? guardedStreamSink(process.stderr, counter) : undefined;
  const sink =
    typeof options.echo === 'function'
      ? options.echo
      : options.echo
        ? (line: string, level: string) => (level === 'warn' || level === 'error' ? toStderr! : toStdout!)(line)
        : undefined;
  instance.transports.console.level = sink ? level : false;
  instance.transports.console.format = format as never;
  instance.transports.console.writeFn = ({ message }) => {
    try {
      sink?.(message.data.map(String).join(' '), message.level);
    } catch (error) {
      counter.record(error);
    }
  };
  // Nothing is sent to a page or a remote endpoint: the file is the log.
  for (const name of ['ipc', 'remote'] as const) {
    const transport = (instance.transports as unknown as Record<string, { level: unknown } | undefined>)[name];
    if (transport) transport.level = false;
  }
  // electron-log reports a failed file write as an 'error' event on the file object, not to the caller.
  let watched: unknown;
  const watchFile = (): void => {
    const current = instance.transports.file.getFile() as unknown as {
      on(event: 'error', listener: (error: unknown) => void): void;
      isNull?(): boolean;
    };
    if (current === watched) return;
    watched = current;
    if (current.isNull?.()) counter.record(new Error(`the log file ${file} cannot be opened`));
    current.on('error', (error) => counter.record(error));
  };
  const make = (module: string): Logger => {
    const scoped = instance.scope(module);
    const write = (at: 'debug' | 'info' | 'warn' | 'error') => (m: string) => {
      try {
        watchFile();
        scoped[at](m);
      } catch (error) {
        counter.record(error);
      }
    };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (sub) => make(sub),
      health: counter.health,
    };
  };
  return Object.assign(make('aime'), { file, health: counter.health });
}

let instances = 0;

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  // electron-log reports every instance's file errors through its default instance's console;
  // each instance counts its own (health()), and that console could be the broken stderr itself.
  electronLog.transports.console.writeFn = () => undefined;
  return configureElectronLog(electronLog.create({ logId: `aime-core-${process.pid}-${++instances}` }), options);
}

/** A logger that keeps lines in memory; for tests that assert what was logged. */
export function createMemoryLogger(lines: string[] = [], module = 'aime', now: () => Date = () => new Date()): Logger & {
  lines: string[];
} {
  const make = (mod: string): Logger => {
    const at = (level: string) => (m: string) => void lines.push(formatLogLine(now(), mod, level, m));
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: make };
  };
  return Object.assign(make(module), { lines });
}
