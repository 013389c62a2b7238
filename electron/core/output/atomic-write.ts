/**
 * Writes an export so that no reader ever sees half a file under a real name (DESIGN.md §3):
 * the text is streamed into a temporary file in the same folder, fsync'ed, then published
 * under the first free `<prefix>-<stamp>[-N].<ext>` name without ever replacing a file.
 * Publishing uses a hard link (atomic, fails if the name exists), so two processes writing
 * in the same second pick different names; folders without hard links (FAT, some network
 * shares) reserve the name with an exclusive create, then rename onto the reservation.
 */
import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OutputKind } from '../../../shared/tasks.js';
import type { Logger } from '../types.js';
import { ChunkWriter } from './chunk-writer.js';
import { OUTPUT_FORMATS, outputName } from './naming.js';
import { reason } from './output-folder.js';

/** Our temporaries: a dot name that no export pattern, listing or retention ever matches. */
const TEMP_PATTERN = /^\.aime-tmp-(\d+)-([0-9a-f]+)\.(md|json)$/;
/** A temporary of a live process younger than this may still be in use: leave it alone. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_SEQUENCE = 100_000;

export function temporaryName(ext: string): string {
  return `.aime-tmp-${process.pid}-${randomBytes(6).toString('hex')}.${ext}`;
}

export function isTemporaryName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

export interface WriteOutputOptions {
  dir: string;
  kind: OutputKind;
  /** When the run started: the timestamp in the name. */
  date: Date;
  signal?: AbortSignal;
}

/**
 * Streams `fill`'s text into a new export file and returns its absolute path.
 * On any error (including an abort) the temporary file is removed and nothing is published.
 */
export async function writeOutputFile(
  options: WriteOutputOptions,
  fill: (out: ChunkWriter) => Promise<void>,
): Promise<string> {
  const dir = path.resolve(options.dir);
  const temp = path.join(dir, temporaryName(OUTPUT_FORMATS[options.kind].ext));
  let handle: fs.FileHandle | undefined;
  try {
    try {
      handle = await fs.open(temp, 'wx');
    } catch (error) {
      throw new Error(`cannot write in the output folder "${dir}": ${reason(error)}`, { cause: error });
    }
    const out = new ChunkWriter(handle);
    await fill(out);
    options.signal?.throwIfAborted();
    await out.finish();
    await handle.sync();
    await handle.close();
    handle = undefined;
    const final = await publish(temp, dir, options.kind, options.date);
    await syncFolder(dir);
    return final;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

async function publish(temp: string, dir: string, kind: OutputKind, date: Date): Promise<string> {
  let linkSupported = true;
  for (let sequence = 1; sequence <= MAX_SEQUENCE; sequence++) {
    const final = path.join(dir, outputName(kind, date, sequence));
    if (linkSupported) {
      try {
        await fs.link(temp, final);
        await fs.unlink(temp);
        return final;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
        linkSupported = false;
      }
    }
    try {
      await (await fs.open(final, 'wx')).close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await fs.rename(temp, final);
    return final;
  }
  throw new Error(`no free file name for ${outputName(kind, date)} in "${dir}"`);
}

/** Makes the rename durable; not possible (and not needed) on every platform. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder for fsync; the rename itself is already atomic.
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries left by a crash (called at start, synchronously, before any run can
 * begin). Only our own pattern is touched; a temporary of another live process (the desktop
 * app while the CLI starts) is kept unless it is a day old. Never throws: a folder that
 * cannot be read is reported in the log. Returns the removed names.
 * `nowMs` is compared with file modification times, which are real wall-clock times.
 */
export function removeLeftoverTemporaries(dir: string, log: Logger, nowMs = Date.now()): string[] {
  let names: string[];
  try {
    names = fsSync.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn(`could not look for leftover temporary files in "${dir}": ${reason(error)}`);
    }
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid) continue; // a write of this process may be in progress
    const file = path.join(dir, name);
    try {
      const stat = fsSync.lstatSync(file);
      if (!stat.isFile()) continue;
      const young = nowMs - stat.mtimeMs < STALE_AFTER_MS;
      if (young && processIsAlive(pid)) continue;
      fsSync.unlinkSync(file);
      removed.push(name);
      log.info(`🧹 Supprimé fichier temporaire abandonné: ${name}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.warn(`could not remove leftover temporary file "${file}": ${reason(error)}`);
      }
    }
  }
  return removed;
}
