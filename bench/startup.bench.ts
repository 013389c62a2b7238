/**
 * `npm run bench startup`: the `aime` command as a user meets it, whole processes from spawn
 * to exit, in paired runs (each command right after its baseline, so machine load hits both)
 * and medians. Each figure is printed beside the issue's target (14), met or MISSED:
 *   aime --version ≤ 2× `node -e 1`;  aime status ≤ 3× `node -e 1`;
 *   aime serve answering HTTP ≤ 2× a bare node:http server;  serve idle ≤ 90 MiB;
 *   aime run export_collection_json of 100k albums ≤ 1.3× the sqlite3 anchor;
 *   export peak (whole process, both exports) ≤ 128 MiB at 100k, ≤ 192 MiB at 1M.
 * The CLI is run from its build (dist/cli, `npm run build`), as `npm install` leaves it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectionOf, timeAnchor } from './export.bench.js';
import { ROOT, SIZES, median, verdict } from './support.js';

const AIME = path.join(ROOT, 'bin', 'aime.cjs');
const PAIRS = Number(process.env.AIME_BENCH_PAIRS ?? 9);
const TIME_BIN = '/usr/bin/time';
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;

/** Wall seconds of one whole process. */
function wall(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function paired(label: string, baseline: string[], command: string[], limit: number, env: NodeJS.ProcessEnv): void {
  wall(baseline, env);
  wall(command, env); // warm the file cache for both
  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    base.push(wall(baseline, env));
    ours.push(wall(command, env));
  }
  const ratio = median(ours) / median(base);
  console.log(
    `${label}: ${ms(median(ours))} vs node -e 1 ${ms(median(base))} (ratio ${ratio.toFixed(2)}, medians of ${PAIRS} pairs) ` +
      `[target ≤ ${limit}× ${verdict(ratio <= limit)}]`,
  );
}

/** Starts a server process, waits for "listening on URL", fetches `route`; seconds to the answer. */
async function timeToAnswer(args: string[], route: string, env: NodeJS.ProcessEnv, keep = false) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], env });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  const response = await fetch(`${url}${route}`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  if (!keep) await stop();
  return { seconds, pid: child.pid!, stop };
}

/** Resident memory of a live process, from /proc (Linux only). */
function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : null;
  } catch {
    return null;
  }
}

const BARE_SERVER = [
  '-e',
  "require('node:http').createServer((q, r) => r.end('{}')).listen(0, '127.0.0.1', function () " +
    "{ console.log('listening on http://127.0.0.1:' + this.address().port); });" +
    "process.on('SIGTERM', () => process.exit(0));",
];

async function serveFigures(label: string, dataDir: string, env: NodeJS.ProcessEnv, idleToo = true): Promise<void> {
  const serve = [AIME, 'serve', '--port', '0', '--data', dataDir];
  const route = '/api/v1/services/scheduler/config';
  await timeToAnswer(BARE_SERVER, '/', env);
  await timeToAnswer(serve, route, env);
  const bare: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    bare.push((await timeToAnswer(BARE_SERVER, '/', env)).seconds);
    ours.push((await timeToAnswer(serve, route, env)).seconds);
  }
  const ratio = median(ours) / median(bare);
  console.log(
    `${label} answering ${route}: ${ms(median(ours))} vs a bare node:http server ${ms(median(bare))} ` +
      `(ratio ${ratio.toFixed(2)}, medians of ${PAIRS} pairs) [target ≤ 2× ${verdict(ratio <= 2)}]`,
  );
  if (!idleToo) return;
  const idle = await timeToAnswer(serve, route, env, true);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const mib = rssMiB(idle.pid);
  await idle.stop();
  console.log(mib === null ? 'serve idle: no /proc here, not measured' : `serve idle: ${mib.toFixed(0)} MiB RSS after 3 s [target ≤ 90 MiB ${verdict(mib <= 90)}]`);
}

/** A whole `aime run <task>` process: wall seconds and peak RSS (GNU time's %M, KiB). */
function timeRun(task: string, dataDir: string, outDir: string): { seconds: number; mib: number | null } {
  const args = [process.execPath, AIME, 'run', task, '--data', dataDir, '--output', outDir];
  const started = process.hrtime.bigint();
  const result = fs.existsSync(TIME_BIN)
    ? spawnSync(TIME_BIN, ['-f', '%M', ...args], { encoding: 'utf8' })
    : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`aime run ${task} failed: ${result.stderr}`);
  for (const name of fs.readdirSync(outDir)) fs.rmSync(path.join(outDir, name), { force: true });
  const kib = fs.existsSync(TIME_BIN) ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, mib: Number.isFinite(kib) ? kib / 1024 : null };
}

async function exportFigures(n: number, temp: string): Promise<void> {
  const { aimeDb, ourDb } = await collectionOf(n);
  const dataDir = path.join(temp, `data-${n}`);
  const outDir = path.join(temp, `out-${n}`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(ourDb, path.join(dataDir, 'collection.db'));
  const pairs = n >= 1_000_000 ? 1 : Math.min(PAIRS, 5);
  const memoryLimit = n >= 1_000_000 ? 192 : 128;
  for (const [kind, task] of [
    ['json', 'export_collection_json'],
    ['markdown', 'export_collection_markdown'],
  ] as const) {
    timeRun(task, dataDir, outDir); // warm: the first run also migrates and checks the copied database
    const anchor: number[] = [];
    const ours: number[] = [];
    let peak = 0;
    for (let i = 0; i < pairs; i++) {
      anchor.push(timeAnchor(aimeDb, path.join(temp, 'anchor.json')).seconds);
      const run = timeRun(task, dataDir, outDir);
      ours.push(run.seconds);
      peak = Math.max(peak, run.mib ?? 0);
    }
    const ratio = median(ours) / median(anchor);
    const timeTarget = kind === 'json' && n === 100_000 ? ` [target ≤ 1.3× ${verdict(ratio <= 1.3)}]` : '';
    console.log(
      `aime run ${task} ${n} (whole process): ${median(ours).toFixed(2)} s vs anchor ${median(anchor).toFixed(2)} s ` +
        `(ratio ${ratio.toFixed(2)}, medians of ${pairs})${timeTarget}; peak ${peak ? `${peak.toFixed(0)} MiB` : 'not measured'}` +
        (peak && n >= 100_000 ? ` [target ≤ ${memoryLimit} MiB ${verdict(peak <= memoryLimit)}]` : ''),
    );
  }
}

export async function run(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-startup-'));
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AIME_')) delete env[key];
  try {
    const dataDir = path.join(temp, 'data');
    wall([AIME, 'status', '--data', dataDir], env); // creates the collection and settings once
    paired('aime --version', ['-e', '1'], [AIME, '--version'], 2, env);
    paired('aime status', ['-e', '1'], [AIME, 'status', '--data', dataDir], 3, env);
    await serveFigures('aime serve', dataDir, env);
    if (env.NODE_EXTRA_CA_CERTS) {
      // This machine sets it, and Node then reads the whole CA bundle at every start (~35 ms),
      // which pads both sides of the ratios above; most desktops do not set it.
      const without = { ...env };
      delete without.NODE_EXTRA_CA_CERTS;
      console.log('The same without NODE_EXTRA_CA_CERTS (set on this machine; Node reads the CA bundle it names at every start):');
      paired('  aime --version', ['-e', '1'], [AIME, '--version'], 2, without);
      paired('  aime status', ['-e', '1'], [AIME, 'status', '--data', dataDir], 3, without);
      await serveFigures('  aime serve', dataDir, without, false);
    }
    for (const n of SIZES.filter((size) => size >= 100_000)) await exportFigures(n, temp);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
