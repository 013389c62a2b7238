/**
 * The engine's logger: electron-log's Node flavour writing a size-rotated file in
 * `<data>/logs/aime.log`, one line per message in the seed's format:
 *   2026-01-31 21:09:50,265 - app.services.scheduler_service - INFO - 🗑️ Supprimé fichier ancien (haiku): …
 * Each core gets its own electron-log instance (no module-level singleton), so two cores in
 * one test process never share a file.
 */
import electronLog from 'electron-log/node.js';
import path from 'node:path';
import { logStamp } from './time-format.js';
import type { Logger } from './types.js';

type ElectronLogger = typeof electronLog;
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** Folder of the log file (created if needed). */
  dir: string;
  /** Lowest level written to the file. */
  level?: Level;
  /** Also print lines on stderr (`aime serve`). */
  echo?: boolean;
  /** Rotate when the file passes this size; the previous file is kept as aime.old.log. */
  maxBytes?: number;
}

let instances = 0;

export interface FileLogger extends Logger {
  readonly file: string;
}

export function formatLogLine(date: Date, module: string, level: string, text: string): string {
  return `${logStamp(date)} - ${module} - ${level.toUpperCase()} - ${text}`;
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const file = path.join(options.dir, 'aime.log');
  const logger: ElectronLogger = electronLog.create({ logId: `aime-core-${process.pid}-${++instances}`});
  const format = ({ message }: { message: { date: Date; scope?: string; level: string; data: unknown[] } }) => [
    formatLogLine(message.date, message.scope ?? 'aime', message.level, message.data.map(String).join(' ')),
  ];
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.level = options.level ?? 'info';
  logger.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  logger.transports.file.format = format as never;
  logger.transports.console.level = options.echo ? (options.level ?? 'info') : false;
  logger.transports.console.format = format as never;
  // Not used here; disabled so nothing tries to reach a renderer or a remote endpoint.
  for (const name of ['ipc', 'remote'] as const) {
    const transport = (logger.transports as unknown as Record<string, { level: unknown } | undefined>)[name];
    if (transport) transport.level = false;
  }

  const make = (module: string): Logger => {
    const scoped = logger.scope(module);
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
