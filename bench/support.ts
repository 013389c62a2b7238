/**
 * What the benches share: the cached original-AIME databases (`.bench/aime-<n>.db`, made once by
 * make_aime_db.py) and measuring one piece of work alone in a child process, so that its peak
 * RSS is its own and not the bench runner's.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAKE_AIME_DB } from '../test/support/fixtures.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(ROOT, '.bench');
export const SIZES = (process.env.AIME_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

/**
 * A reference script of ../shared/tools (beside the checkout). A git worktree may sit one level
 * deeper (e.g. wt/<name>), so the folders above the checkout are searched upwards.
 */
export function sharedTool(name: string): string {
  for (let dir = path.dirname(ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'tools', name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(path.dirname(ROOT), 'shared', 'tools', name);
  }
}

/** `.bench/aime-<n>.db` in the original AIME schema, made once with the default seed. */
export function aimeDatabase(n: number): string {
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `aime-${n}.db`);
  if (!fs.existsSync(file)) {
    const part = `${file}.part`;
    fs.rmSync(part, { force: true });
    execFileSync('python3', [MAKE_AIME_DB, part, String(n)], { stdio: 'ignore' });
    fs.renameSync(part, file);
  }
  return file;
}

export interface Measured<T> {
  seconds: number;
  /** User + system CPU seconds: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  maxRssKiB: number;
  value: T;
}

/** Times `work` in this process; meant to run in a child started by `inChild`. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS, value };
}

/** Runs `script` (a bench file) with `args` in a fresh Node process and returns what it sends. */
export function inChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | undefined;
    child.on('message', (message) => (result = message as T));
    child.on('error', reject);
    child.on('exit', (code) =>
      result !== undefined && code === 0 ? resolve(result) : reject(new Error(`${args[0]} child exited with ${code}`)),
    );
  });
}
