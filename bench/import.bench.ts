/**
 * `npm run bench import`: imports original-AIME databases of 10k, 100k and 1M albums
 * (made by make_aime_db.py, cached in `.bench/` and shared with the export bench) into a fresh
 * collection, each in its own process so its peak RSS is its own.
 * Target (issue 2): 100k albums from an AIME database in ≤ 5 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportSummary } from '../shared/api.js';
import { openDatabase } from '../electron/core/collection/database.js';
import { createCollection } from '../electron/core/collection/index.js';
import { createMemoryLogger } from '../electron/core/log.js';
import { systemClock } from '../electron/core/types.js';
import { SIZES, aimeDatabase, inChild, measure, type Measured } from './support.js';

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

export async function run(): Promise<void> {
  for (const n of SIZES) {
    const result = await inChild<Measured<ImportSummary>>(SELF, ['--import-child', aimeDatabase(n)]);
    const target = n === 100_000 ? `, target ≤ 5 s ${result.seconds <= 5 ? 'met' : 'MISSED'}` : '';
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
