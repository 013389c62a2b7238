/**
 * The desktop app's log: electron-log's main-process logger writing `<data>/logs/aime.log` in
 * the seed's line format (`2026-01-31 21:09:50,265 - module - INFO - message`), the same file
 * and format as the core's own logger, so the desktop app and `aime serve` write alike.
 * The core receives this logger (`createCore({ log })`): one writer for the file.
 */
import type ElectronLog from 'electron-log/node.js';
import path from 'node:path';
import { formatLogLine } from '../core/log.js';
import type { Logger } from '../core/types.js';

/** electron-log/main's instance and electron-log/node's share this shape (main adds IPC). */
export type ElectronLogInstance = typeof ElectronLog;

export interface MainLogOptions {
  dir: string;
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** Print on the console too (development). */
  echo?: boolean;
  maxBytes?: number;
}

type LogMessageLike = { message: { date: Date; scope?: string; level: string; data: unknown[] } };

function format({ message }: LogMessageLike): string[] {
  const text = message.data.map((part) => (part instanceof Error ? (part.stack ?? part.message) : String(part))).join(' ');
  return [formatLogLine(message.date, message.scope ?? 'aime', message.level, text)];
}

export function configureMainLogger(instance: ElectronLogInstance, options: MainLogOptions): Logger & { file: string } {
  const file = path.join(options.dir, 'aime.log');
  const level = options.level ?? 'info';
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.level = level;
  instance.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  instance.transports.file.format = format as never;
  instance.transports.console.level = options.echo ? level : false;
  instance.transports.console.format = format as never;
  // The renderer does not log through electron-log; nothing is sent to a page or a server.
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
