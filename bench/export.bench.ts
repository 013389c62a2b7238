/**
 * `npm run bench export`: times both collection exports at 10k, 100k and 1M albums beside the
 * sqlite3 command-line anchor (`../shared/tools/anchor_sqlite_json.sh`, one C query writing the
 * seed's JSON shape), and the peak memory of each export measured alone in a child process.
 * Targets (issue 2): at 100k each export within 1.5× the anchor; peak RSS ≤ 200 MiB at 100k,
 * ≤ 256 MiB at 1M. Collections are made once and cached in `.bench/`.
 */
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/core/collection/database.js';
import { createCollection } from '../electron/core/collection/index.js';
import { createLocalHaikuWriter } from '../electron/core/haiku/local.js';
import { createMemoryLogger } from '../electron/core/log.js';
import { runJsonExport, runMarkdownExport } from '../electron/core/tasks/export-tasks.js';
import { systemClock } from '../electron/core/types.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const CACHE = path.join(ROOT, '.bench');
const TOOLS = path.resolve(ROOT, '..', 'shared', 'tools');
const SIZES = (process.env.AIME_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
type Kind = 'json' | 'markdown';

interface ChildResult {
  seconds: number;
  /** User + system CPU seconds of the export alone. */
  cpu: number;
  maxRssKiB: number;
  albums: number;
}

interface Timing {
  seconds: number;
  /** null where the platform gives no child CPU time (no /usr/bin/time). */
  cpu: number | null;
}

/** Runs per measurement (the best is kept: other load on the machine only ever adds time). */
const runsFor = (n: number) => (n >= 1_000_000 ? 1 : 3);
const TIME_BIN = '/usr/bin/time';

/** The original AIME database of `n` albums, and the same albums imported into our schema. */
async function collectionOf(n: number): Promise<{ aimeDb: string; ourDb: string }> {
  fs.mkdirSync(CACHE, { recursive: true });
  const aimeDb = path.join(CACHE, `aime-${n}.db`);
  if (!fs.existsSync(aimeDb)) {
    execFileSync('python3', [path.join(TOOLS, 'make_aime_db.py'), `${aimeDb}.part`, String(n)], { stdio: 'ignore' });
    fs.renameSync(`${aimeDb}.part`, aimeDb);
  }
  const ourDb = path.join(CACHE, `collection-${n}.db`);
  if (!fs.existsSync(ourDb)) {
    const part = `${ourDb}.part`;
    fs.rmSync(part, { force: true });
    const db = openDatabase(part);
    await createCollection(db, { clock: systemClock, log: createMemoryLogger() }).importFile(aimeDb, 'aime-db');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(part + suffix, { force: true });
    fs.renameSync(part, ourDb);
  }
  return { aimeDb, ourDb };
}

function timeAnchor(aimeDb: string, out: string): Timing {
  const script = path.join(TOOLS, 'anchor_sqlite_json.sh');
  const started = process.hrtime.bigint();
  if (!fs.existsSync(TIME_BIN)) {
    execFileSync('sh', [script, aimeDb, out]);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu: null };
  }
  const timed = spawnSync(TIME_BIN, ['-f', '%U %S', 'sh', script, aimeDb, out], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (timed.status !== 0) throw new Error(`anchor failed: ${timed.stderr}`);
  const [user, system] = timed.stderr.trim().split(/\s+/).slice(-2).map(Number);
  return { seconds, cpu: (user ?? 0) + (system ?? 0) };
}

function best<T extends { seconds: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

/** One export in a fresh process, so its peak RSS is its own. */
function timeExport(kind: Kind, db: string, outDir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--export-child', kind, db, outDir], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    child.on('message', (message) => (result = message as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`${kind} export child exited with ${code}`)),
    );
  });
}

async function exportChild(kind: Kind, dbFile: string, outDir: string): Promise<void> {
  const db = openDatabase(dbFile);
  const ctx = {
    db,
    outputDir: outDir,
    maxFilesPerType: 5,
    clock: systemClock,
    log: createMemoryLogger(),
    haiku: createLocalHaikuWriter(),
    haikuLanguage: 'fr' as const,
  };
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const outcome = kind === 'json' ? await runJsonExport(ctx) : await runMarkdownExport(ctx);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  const result: ChildResult = {
    seconds,
    cpu: (cpu.user + cpu.system) / 1e6,
    maxRssKiB: process.resourceUsage().maxRSS,
    albums: outcome.albumCount,
  };
  process.send!(result);
}

export async function run(): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-'));
  const clean = () => {
    for (const name of fs.readdirSync(outDir)) fs.rmSync(path.join(outDir, name), { force: true });
  };
  try {
    for (const n of SIZES) {
      const { aimeDb, ourDb } = await collectionOf(n);
      const runs = runsFor(n);
      const counter = openDatabase(ourDb);
      const imported = counter.prepare('SELECT count(*) FROM albums').pluck().get() as number;
      counter.close();
      const anchorRuns: Timing[] = [];
      for (let i = 0; i < runs; i++) anchorRuns.push(timeAnchor(aimeDb, path.join(outDir, 'anchor.json')));
      const anchor = best(anchorRuns);
      const anchorCpu = anchorRuns.every((r) => r.cpu !== null) ? Math.min(...anchorRuns.map((r) => r.cpu!)) : null;
      clean();
      for (const kind of ['json', 'markdown'] as const) {
        const results: ChildResult[] = [];
        for (let i = 0; i < runs; i++) {
          results.push(await timeExport(kind, ourDb, outDir));
          clean();
        }
        const fastest = best(results);
        const cpu = Math.min(...results.map((r) => r.cpu));
        const mib = Math.max(...results.map((r) => r.maxRssKiB)) / 1024;
        const cpuNote = anchorCpu === null ? '' : `; cpu ${cpu.toFixed(2)} s vs anchor ${anchorCpu.toFixed(2)} s (ratio ${(cpu / anchorCpu).toFixed(2)})`;
        console.log(
          `export ${kind} ${n}: ${fastest.seconds.toFixed(2)} s (anchor ${anchor.seconds.toFixed(2)} s, ratio ${(
            fastest.seconds / anchor.seconds
          ).toFixed(2)}), peak RSS ${mib.toFixed(0)} MiB${cpuNote}`,
        );
        if (fastest.albums !== imported) console.log(`  warning: exported ${fastest.albums} albums, the collection has ${imported}`);
      }
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--export-child') {
  const [, , , kind, db, outDir] = process.argv;
  await exportChild(kind as Kind, db!, outDir!);
}
