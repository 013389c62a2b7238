/**
 * `npm run bench export`: times both collection exports at 10k, 100k and 1M albums beside the
 * sqlite3 command-line anchor (`../shared/tools/anchor_sqlite_json.sh`, one C query writing the
 * seed's JSON shape), and the peak memory of each export measured alone in a child process.
 * Targets (issue 2): at 100k each export within 1.5× the anchor; peak RSS ≤ 200 MiB at 100k,
 * ≤ 256 MiB at 1M. Collections are made once and cached in `.bench/`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
import { CACHE, SIZES, aimeDatabase, inChild, measure, sharedTool, verdict, type Measured } from './support.js';

const SELF = fileURLToPath(import.meta.url);
type Kind = 'json' | 'markdown';

/** One export measured alone; `value` is the number of albums written. */
type ChildResult = Measured<number>;

export interface Timing {
  seconds: number;
  /** null where the platform gives no child CPU time (no /usr/bin/time). */
  cpu: number | null;
}

/** Runs per measurement (the best is kept: other load on the machine only ever adds time). */
const runsFor = (n: number) => (n >= 1_000_000 ? 1 : 3);
const TIME_BIN = '/usr/bin/time';

/** The original AIME database of `n` albums, and the same albums imported into our schema. */
export async function collectionOf(n: number): Promise<{ aimeDb: string; ourDb: string }> {
  const aimeDb = aimeDatabase(n);
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

export function timeAnchor(aimeDb: string, out: string): Timing {
  const script = sharedTool('anchor_sqlite_json.sh');
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

/** The targets for this size, if it sets any: time at 100k, memory at 100k and 1M. */
function targets(n: number, ratio: number, mib: number): string {
  if (n === 100_000) return ` [targets: ≤ 1.5× ${verdict(ratio <= 1.5)}, ≤ 200 MiB ${verdict(mib <= 200)}]`;
  if (n === 1_000_000) return ` [target: ≤ 256 MiB ${verdict(mib <= 256)}]`;
  return '';
}

function best<T extends { seconds: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

/** One export in a fresh process, so its peak RSS is its own. */
function timeExport(kind: Kind, db: string, outDir: string): Promise<ChildResult> {
  return inChild<ChildResult>(SELF, ['--export-child', kind, db, outDir]);
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
  const result: ChildResult = await measure(async () => {
    const outcome = kind === 'json' ? await runJsonExport(ctx) : await runMarkdownExport(ctx);
    return outcome.albumCount;
  });
  db.close();
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
        const cpu = Math.min(...results.map((r) => r.cpuSeconds));
        const mib = Math.max(...results.map((r) => r.maxRssKiB)) / 1024;
        const cpuNote = anchorCpu === null ? '' : `; cpu ${cpu.toFixed(2)} s vs anchor ${anchorCpu.toFixed(2)} s (ratio ${(cpu / anchorCpu).toFixed(2)})`;
        const ratio = fastest.seconds / anchor.seconds;
        console.log(
          `export ${kind} ${n}: ${fastest.seconds.toFixed(2)} s (anchor ${anchor.seconds.toFixed(2)} s, ratio ${ratio.toFixed(2)}), ` +
            `peak RSS ${mib.toFixed(0)} MiB${cpuNote}${targets(n, ratio, mib)}`,
        );
        if (fastest.value !== imported) console.log(`  warning: exported ${fastest.value} albums, the collection has ${imported}`);
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
