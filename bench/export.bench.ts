/**
 * `npm run bench export`: times both collection exports at 10k, 100k and 1M albums beside the
 * sqlite3 command-line anchor (`../shared/tools/anchor_sqlite_json.sh`, one C query writing the
 * seed's JSON shape), and the peak memory of each export measured alone in a child process.
 * Targets (issue 2): at 100k each export within 1.5× the anchor; peak RSS ≤ 200 MiB at 100k,
 * ≤ 256 MiB at 1M. Collections are made once and cached in `.bench/`.
 */
import { execFileSync, fork } from 'node:child_process';
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
  maxRssKiB: number;
  albums: number;
}

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

function timeAnchor(aimeDb: string, out: string): number {
  const started = process.hrtime.bigint();
  execFileSync('sh', [path.join(TOOLS, 'anchor_sqlite_json.sh'), aimeDb, out]);
  return Number(process.hrtime.bigint() - started) / 1e9;
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
  const started = process.hrtime.bigint();
  const outcome = kind === 'json' ? await runJsonExport(ctx) : await runMarkdownExport(ctx);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  process.send!({ seconds, maxRssKiB: process.resourceUsage().maxRSS, albums: outcome.albumCount });
}

export async function run(): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-'));
  try {
    for (const n of SIZES) {
      const { aimeDb, ourDb } = await collectionOf(n);
      const anchor = timeAnchor(aimeDb, path.join(outDir, 'anchor.json'));
      for (const kind of ['json', 'markdown'] as const) {
        const result = await timeExport(kind, ourDb, outDir);
        const mib = result.maxRssKiB / 1024;
        console.log(
          `export ${kind} ${n}: ${result.seconds.toFixed(2)} s (anchor ${anchor.toFixed(2)} s, ratio ${(
            result.seconds / anchor
          ).toFixed(2)}), peak RSS ${mib.toFixed(0)} MiB`,
        );
        for (const name of fs.readdirSync(outDir)) fs.rmSync(path.join(outDir, name), { force: true });
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
