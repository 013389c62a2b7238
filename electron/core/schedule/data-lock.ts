/**
 * One AIME process per data folder runs the scheduler: `<dataDir>/aime.lock` holds the owner's
 * pid, its process token (process-identity.ts) and when it started. The file is created
 * atomically and exclusively, so of two processes starting together exactly one gets it. A lock whose owner is gone
 * (kill -9, power loss, or our own pid from a previous life) is stale and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import { isoLocal } from '../time-format.js';
import { isOwnerAlive, PROCESS_TOKEN } from './process-identity.js';

export const LOCK_FILE_NAME = 'aime.lock';
/** A takeover in progress older than this was abandoned by a process that died mid-way. */
const TAKEOVER_STALE_MS = 10_000;

interface LockContent {
  pid: number;
  token: string;
  started_at: string;
  /** Which program holds it, for `aime status`: the desktop app or `aime serve`. */
  program?: LockProgram;
  /** The holder's API port, when it serves one. */
  port?: number;
}

export type LockProgram = 'app' | 'serve';

/** Who runs the scheduler on a data folder, as `aime status` reports it. */
export interface LockHolder {
  pid: number;
  started_at: string;
  program: LockProgram | null;
  port: number | null;
  /** Whether that holder is this very process. */
  self: boolean;
}

export interface DataLock {
  readonly file: string;
  /** Records the port our REST API listens on (null: none), for the CLI to find this host. */
  setPort(port: number | null): void;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

export function acquireDataLock(dataDir: string): DataLock {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE_NAME);
  const mine: LockContent = {
    pid: process.pid,
    token: PROCESS_TOKEN,
    started_at: isoLocal(new Date()),
    // The engine never imports electron, but may run inside it: that is the desktop app.
    program: process.versions.electron ? 'app' : 'serve',
  };
  const text = `${JSON.stringify(mine)}\n`;

  if (!tryCreate(file, text)) {
    const holder = readLock(file);
    if (holder && isOwnerAlive(holder.pid, holder.token)) throw lockedError(dir, holder.pid);
    takeOver(file, holder, text);
  }

  let released = false;
  return {
    file,
    setPort(port) {
      if (released) return;
      const holder = readLock(file);
      if (holder?.pid !== mine.pid || holder.token !== mine.token) return;
      // Replaced whole (written aside, renamed over): a reader never sees half a lock.
      const temp = `${file}.${process.pid}.${PROCESS_TOKEN}.port.tmp`;
      const { port: _none, ...rest } = mine;
      fs.writeFileSync(temp, `${JSON.stringify(port === null ? rest : { ...rest, port })}\n`);
      fs.renameSync(temp, file);
    },
    release() {
      if (released) return;
      released = true;
      const holder = readLock(file);
      if (holder?.pid === mine.pid && holder.token === mine.token) fs.rmSync(file, { force: true });
    },
  };
}

/** The live process holding the data folder's lock, or null when none does (no lock, or a stale one). */
export function readLockHolder(dataDir: string): LockHolder | null {
  const holder = readLock(path.join(path.resolve(dataDir), LOCK_FILE_NAME));
  if (!holder || !isOwnerAlive(holder.pid, holder.token)) return null;
  return {
    pid: holder.pid,
    started_at: holder.started_at,
    program: holder.program ?? null,
    port: holder.port ?? null,
    self: holder.pid === process.pid,
  };
}

/** Replaces a stale lock. A small mkdir mutex makes sure two processes recovering the same stale lock don't both win. */
function takeOver(file: string, stale: LockContent | null, text: string): void {
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch {
    const age = ageMs(mutex);
    if (age !== null && age < TAKEOVER_STALE_MS) throw lockedError(path.dirname(file), stale?.pid ?? null);
    fs.rmSync(mutex, { recursive: true, force: true });
    fs.mkdirSync(mutex);
  }
  try {
    // Under the mutex: is it still the same stale lock we looked at?
    const now = readLock(file);
    if (now && isOwnerAlive(now.pid, now.token)) throw lockedError(path.dirname(file), now.pid);
    fs.rmSync(file, { force: true });
    if (!tryCreate(file, text)) throw lockedError(path.dirname(file), readLock(file)?.pid ?? null);
  } finally {
    fs.rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * Creates the lock file with its full content in one step (a hard link of a finished temporary
 * file), so nobody ever reads a half-written lock and mistakes it for a stale one.
 */
function tryCreate(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${PROCESS_TOKEN}.tmp`;
  // Not flushed to disk (an fsync costs `aime serve`'s start 5–10 ms, far more on a slow disk):
  // the rename and the link are what other processes see at once, and after a power loss the
  // holder is gone anyway, so a lost or empty lock file is simply a stale one.
  fs.writeFileSync(temp, text);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network shares): exclusive create instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createExclusive(file, text);
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function createExclusive(file: string, text: string): boolean {
  try {
    fs.writeFileSync(file, text, { flag: 'wx', flush: true });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's content, or null when it is empty or unreadable (a crash while writing it: stale). */
function readLock(file: string): LockContent | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof value.pid !== 'number') return null;
    return {
      pid: value.pid,
      token: String(value.token ?? ''),
      started_at: String(value.started_at ?? ''),
      program: value.program === 'app' || value.program === 'serve' ? value.program : undefined,
      port: typeof value.port === 'number' ? value.port : undefined,
    };
  } catch {
    return null;
  }
}

function ageMs(file: string): number | null {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function lockedError(dir: string, pid: number | null): AimeError {
  return new AimeError(
    'locked',
    `the data folder ${dir} is used by another AIME process${pid !== null ? ` (pid ${pid})` : ''}`,
    { data_dir: dir, ...(pid !== null ? { pid } : {}) },
    msg('error.data_locked', { dir }),
  );
}
