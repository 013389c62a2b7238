import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AimeError } from '../../../shared/contract.js';
import { acquireDataLock, LOCK_FILE_NAME, readLockHolder } from './data-lock.js';
import { tempDir } from '../../../test/support/temp-dir.js';

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = tempDir();
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const lockFile = () => path.join(dir, LOCK_FILE_NAME);
const writeLock = (pid: number, token = 'other-process') =>
  fs.writeFileSync(lockFile(), JSON.stringify({ pid, token, started_at: '2026-01-31T21:00:00.000+01:00' }));

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return child.pid!;
}

async function liveChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}

describe('acquireDataLock', () => {
  it('writes pid and start into <data>/aime.lock; a second acquire fails naming the folder and the pid; release frees it', () => {
    const lock = acquireDataLock(dir);
    const content = JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { pid: number; started_at: string };
    expect(content.pid).toBe(process.pid);
    expect(content.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    let error: unknown;
    try {
      acquireDataLock(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AimeError);
    expect(error).toMatchObject({
      code: 'locked',
      message: `the data folder ${dir} is used by another AIME process (pid ${process.pid})`,
    });
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(false);
    lock.release(); // twice is harmless
    acquireDataLock(dir).release();
    expect(fs.readdirSync(dir)).toEqual([]); // no temporaries left behind
  });

  it('refuses while another live process holds it, and takes it over once that process is killed', async () => {
    const child = await liveChild();
    writeLock(child.pid!);
    expect(() => acquireDataLock(dir)).toThrow(`the data folder ${dir} is used by another AIME process (pid ${child.pid})`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const lock = acquireDataLock(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('recovers a stale lock: a dead pid, our own pid from an earlier life, an empty or corrupt file', () => {
    for (const stale of [
      () => writeLock(deadPid()),
      () => writeLock(process.pid, 'a-previous-life-of-this-pid'),
      () => fs.writeFileSync(lockFile(), ''),
      () => fs.writeFileSync(lockFile(), '{"pid":'),
    ]) {
      stale();
      const lock = acquireDataLock(dir);
      expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
      lock.release();
      expect(fs.existsSync(lockFile())).toBe(false);
    }
  });

  it('release() leaves a lock that is no longer ours alone', () => {
    const lock = acquireDataLock(dir);
    writeLock(12345678, 'someone-else'); // e.g. taken over after we were wrongly deemed dead
    lock.release();
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: 12345678 });
  });

  it('creates the data folder when it does not exist yet', () => {
    const nested = path.join(dir, 'a', 'b');
    const lock = acquireDataLock(nested);
    expect(fs.existsSync(path.join(nested, LOCK_FILE_NAME))).toBe(true);
    lock.release();
  });
});

describe('readLockHolder', () => {
  it('names this process as the holder of its own lock, as the program that took it', () => {
    const lock = acquireDataLock(dir);
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, program: 'serve', port: null, self: true });
    lock.release();
    expect(readLockHolder(dir)).toBeNull();
  });

  it('reports another live holder with its port, and no holder for a stale lock', async () => {
    const child = await liveChild();
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: child.pid, token: 't', started_at: 'x', program: 'app', port: 8123 }));
    expect(readLockHolder(dir)).toEqual({ pid: child.pid, started_at: 'x', program: 'app', port: 8123, self: false });
    writeLock(deadPid());
    expect(readLockHolder(dir)).toBeNull();
  });
});

describe('the port in the lock', () => {
  it('names the holder\'s API port once set, for the CLI to find it, and none after release', () => {
    const lock = acquireDataLock(dir);
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, port: null });
    lock.setPort(48123);
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, port: 48123, self: true });
    lock.setPort(null);
    expect(readLockHolder(dir)?.port).toBeNull();
    lock.setPort(48124);
    lock.release();
    expect(readLockHolder(dir)).toBeNull();
    lock.setPort(48125); // after release: changes nothing
    expect(fs.existsSync(lockFile())).toBe(false);
  });
});
