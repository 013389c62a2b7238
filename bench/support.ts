/**
 * What the benches share: the cached original-AIME databases (`.bench/aime-<n>.db`, made once by
 * make_aime_db.py) and measuring one piece of work alone in a child process, so that its peak
 * RSS is its own and not the bench runner's.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from '../scripts/esbuild-node.mjs';
import { MAKE_AIME_DB } from '../test/support/fixtures.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(ROOT, '.bench');
const MAKE_DISCOGS_CSV = path.join(ROOT, 'test', 'fixtures', 'make_discogs_csv.py');
export const SIZES = (process.env.AIME_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

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

/** `.bench/discogs-<n>.csv`: the Discogs CSV export of `aimeDatabase(n)`, made once by make_discogs_csv.py. */
export function discogsCsv(n: number): string {
  const file = path.join(CACHE, `discogs-${n}.csv`);
  if (!fs.existsSync(file)) {
    const source = aimeDatabase(n);
    const part = `${file}.part`;
    fs.rmSync(part, { force: true });
    execFileSync('python3', [MAKE_DISCOGS_CSV, source, part], { stdio: 'ignore' });
    fs.renameSync(part, file);
  }
  return file;
}

/**
 * Bundles `entries` (name → source file) with esbuild into `.bench/dist/`, as the app's build
 * does (ESM, better-sqlite3 external), so that what is measured is the built code: no tsx
 * compiling in the process, and worker threads started from their own emitted module files.
 */
export async function bundle(entries: Record<string, string>): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = path.join(CACHE, 'dist');
  // The app's own esbuild setup (scripts/esbuild-node.mjs); esbuild stays outside for the benches that build.
  await build(nodeBundleOptions({ entryPoints: entries, outdir, target: 'node20.19', external: ['esbuild'], sourcemap: false }));
  return outdir;
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

/**
 * Runs `script` with `args` in a fresh Node process and returns what it sends: a bench file
 * through tsx, or a bundle (`.js`, see `bundle`) as plain Node runs the built app.
 */
export function inChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const execArgv = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | undefined;
    child.on('message', (message) => (result = message as T));
    child.on('error', reject);
    child.on('exit', (code) =>
      result !== undefined && code === 0 ? resolve(result) : reject(new Error(`${args[0]} child exited with ${code}`)),
    );
  });
}
