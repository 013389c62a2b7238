/**
 * The engine's logger: electron-log writing a size-rotated file in `<data>/logs/aime.log`,
 * one line per message in the seed's format:
 *   2026-01-31 21:09:50,265 - app.services.scheduler_service - INFO - 🗑️ Supprimé fichier ancien (haiku): …
 * `configureElectronLog` sets up any electron-log instance (Node's here, the main process's in
 * the desktop app), so the CLI, `aime serve` and the desktop app write the same file alike.
 * Each core gets its own instance (no module-level singleton): two cores in one test process
 * never share a file.
 */
import electronLog from 'electron-log/node.js';
import path from 'node:path';
import { logStamp } from './time-format.js';
import type { Logger } from './types.js';

/** electron-log/main's instance and electron-log/node's share this shape (main adds IPC). */
export type ElectronLogInstance = typeof electronLog;
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** Folder of the log file (created if needed). */
  dir: string;
  /** Lowest level written to the file. */
  level?: Level;
  /** Also print lines on the console (`aime serve`, development). */
  echo?: boolean;
  /** Rotate when the file passes this size; the previous file is kept as aime.old.log. */
  maxBytes?: number;
}

export interface FileLogger extends Logger {
  readonly file: string;
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
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.level = level;
  instance.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  instance.transports.file.format = format as never;
  instance.transports.console.level = options.echo ? level : false;
  instance.transports.console.format = format as never;
  // Nothing is sent to a page or a remote endpoint: the file is the log.
  for (const name of ['ipc', 'remote'] as const) {
    const transport = (instance.transports as unknown as Record<string, { level: unknown } | undefined>)[name];
    if (transport) transport.level = false;
  }
  const make = (module: string): Logger => {
    const scoped = instance.scope(module);
    return {
      debug: (m) => scoped.debug(m),
      info: (m) => scoped.info(m),
      warn: (m) => scoped.warn(m),
      error: (m) => scoped.error(m),
      child: (sub) => make(sub),
    };
  };
  return Object.assign(make('aime'), { file });
}

let instances = 0;

export function createFileLogger(options: FileLoggerOptions): FileLogger {
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
