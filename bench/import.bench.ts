/**
 * `npm run bench import`: imports original-AIME databases of 10k, 100k and 1M albums
 * (made by make_aime_db.py, cached in `.bench/` and shared with the export bench) into a fresh
 * collection, each in its own process so its peak RSS is its own.
 * Target (issue 2): 100k albums from an AIME database in ≤ 5 s.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/core/collection/database.js';
import { createCollection } from '../electron/core/collection/index.js';
import { createMemoryLogger } from '../electron/core/log.js';
import { systemClock } from '../electron/core/types.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const CACHE = path.join(ROOT, '.bench');
const MAKE_AIME_DB = path.join(ROOT, 'electron', 'core', 'collection', 'fixtures', 'make_aime_db.py');
const SIZES = (process.env.AIME_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  maxRssKiB: number;
  added: number;
  skipped: number;
}

/** `.bench/aime-<n>.db`, made once (default seed, as the export bench makes it). */
function aimeDatabase(n: number): string {
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `aime-${n}.db`);
  if (!fs.existsSync(file)) {
    const part = `${file}.import-part`;
    fs.rmSync(part, { force: true });
    execFileSync('python3', [MAKE_AIME_DB, part, String(n)], { stdio: 'ignore' });
    fs.renameSync(part, file);
  }
  return file;
}

function timeImport(source: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--import-child', source], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    child.on('message', (message) => (result = message as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`import child exited with ${code}`)),
    );
  });
}

async function importChild(source: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-import-'));
  try {
    const db = openDatabase(path.join(dir, 'collection.db'));
    const collection = createCollection(db, { clock: systemClock, log: createMemoryLogger() });
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const summary = await collection.importFile(source, 'aime-db');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    db.close();
    const result: ChildResult = {
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssKiB: process.resourceUsage().maxRSS,
      added: summary.added,
      skipped: summary.skipped,
    };
    process.send!(result);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  for (const n of SIZES) {
    const result = await timeImport(aimeDatabase(n));
    const target = n === 100_000 ? `, target ≤ 5 s ${result.seconds <= 5 ? 'met' : 'MISSED'}` : '';
    // CPU time beside wall time: on a busy machine the wall figure says more about the neighbours.
    console.log(
      `import aime-db ${n}: ${result.seconds.toFixed(2)} s, peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MiB ` +
        `(cpu ${result.cpuSeconds.toFixed(2)} s, ${result.added} added, ${result.skipped} skipped${target})`,
    );
  }
}

if (process.argv[2] === '--import-child') {
  await importChild(process.argv[3]!);
}
