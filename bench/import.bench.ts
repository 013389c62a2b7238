/**
 * `npm run bench import`: imports original-AIME databases of 10k, 100k and 1M albums
 * (made by make_aime_db.py, cached in `.bench/` and shared with the export bench) into a fresh
 * collection, each in its own process so its peak RSS is its own.
 * Targets: 100k albums from an AIME database in ≤ 5 s (issue 2); beside the sqlite3 CLI copying
 * the same database into the same schema with ATTACH + INSERT…SELECT
 * (`../shared/tools/anchor_sqlite_import.sh`), ≤ 1.5× at 100k and ≤ 2× at 1M (issue 14).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportSummary } from '../shared/api.js';
import { openDatabase } from '../electron/core/collection/database.js';
import { createCollection } from '../electron/core/collection/index.js';
import { createMemoryLogger } from '../electron/core/log.js';
import { systemClock } from '../electron/core/types.js';
import { SIZES, aimeDatabase, inChild, measure, sharedTool, type Measured } from './support.js';

const SELF = fileURLToPath(import.meta.url);

async function importChild(source: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-import-'));
  try {
    const db = openDatabase(path.join(dir, 'collection.db'));
    const collection = createCollection(db, { clock: systemClock, log: createMemoryLogger() });
    const result = await measure(() => collection.importFile(source, 'aime-db'));
    db.close();
    process.send!(result);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds the sqlite3 CLI takes to copy `source` into our schema (the reference script). */
function timeAnchor(source: string, dir: string): number {
  const schema = path.join(dir, 'schema.sql');
  if (!fs.existsSync(schema)) {
    const empty = openDatabase(path.join(dir, 'empty.db'));
    empty.close();
    fs.writeFileSync(schema, execFileSync('sqlite3', [path.join(dir, 'empty.db'), '.schema'], { encoding: 'utf8' }));
  }
  const out = path.join(dir, 'anchor.db');
  const started = process.hrtime.bigint();
  execFileSync('sh', [sharedTool('anchor_sqlite_import.sh'), source, schema, out], { stdio: 'ignore' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(out + suffix, { force: true });
  return seconds;
}

export async function run(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-bench-import-anchor-'));
  try {
    for (const n of SIZES) await one(n, scratch);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function one(n: number, scratch: string): Promise<void> {
  {
    const anchor = timeAnchor(aimeDatabase(n), scratch);
    const result = await inChild<Measured<ImportSummary>>(SELF, ['--import-child', aimeDatabase(n)]);
    const ratio = result.seconds / anchor;
    const limit = n >= 1_000_000 ? 2 : n >= 100_000 ? 1.5 : null;
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const target =
      (n === 100_000 ? `, target ≤ 5 s ${verdict(result.seconds <= 5)}` : '') +
      `; anchor ${anchor.toFixed(2)} s, ratio ${ratio.toFixed(2)}` +
      (limit ? ` [target ≤ ${limit}× ${verdict(ratio <= limit)}]` : '');
    // CPU time beside wall time: on a busy machine the wall figure says more about the neighbours.
    console.log(
      `import aime-db ${n}: ${result.seconds.toFixed(2)} s, peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MiB ` +
        `(cpu ${result.cpuSeconds.toFixed(2)} s, ${result.value.added} added, ${result.value.skipped} skipped${target})`,
    );
  }
}

if (process.argv[2] === '--import-child') {
  await importChild(process.argv[3]!);
}
