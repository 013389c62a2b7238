/**
 * Load: 50 simultaneous triggers of one task (single-flight holds, every file is whole) and
 * 1,000 GET config in a row (memory stays flat). Bounded by counts, never by timing.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../shared/api.js';
import { PREFIX, request, serve, type Served } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serve({ withCollection: true });
  // Keep every file the runs write, so each one can be checked.
  await s.core.api.setMaxFilesPerType(50);
});
afterAll(async () => s?.close());

describe('50 concurrent triggers of one task', () => {
  it('answers 200 or 409, runs one at a time, and writes only whole files', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => request(s.server.port, 'POST', `${PREFIX}/trigger/export_collection_json`)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((code) => code === 200 || code === 409), statuses.join(',')).toBe(true);
    const ok = replies.filter((r) => r.status === 200).map((r) => r.json() as { status: string; file: string; run_id: number });
    const refused = replies.filter((r) => r.status === 409).map((r) => r.json() as { code: string; detail: string });
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(r.status).toBe('completed');
    for (const r of refused) {
      expect(r.code).toBe('already_running');
      expect(r.detail).toMatch(/already running/);
    }

    const runs = ((await s.core.api.history(1000)) as RunRecord[])
      .filter((run) => run.task === 'export_collection_json')
      .sort((a, b) => a.id - b.id);
    // Exactly the runs that answered 200 happened; the 409s ran nothing.
    expect(runs.map((r) => r.id).sort()).toEqual(ok.map((r) => r.run_id).sort());
    for (let i = 1; i < runs.length; i++) {
      // Never two at a time: each run starts after the previous one finished.
      expect(Date.parse(runs[i]!.started_at)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1]!.finished_at!));
    }

    const names = fs.readdirSync(s.outputDir);
    const exports = names.filter((n) => /^export-json-\d{8}-\d{6}(-\d+)?\.json$/.test(n));
    expect(exports.sort()).toEqual(ok.map((r) => path.basename(r.file)).sort());
    // Nothing but finished exports: no temporary or half-written file remains.
    expect(names.filter((n) => !exports.includes(n))).toEqual([]);
    for (const name of exports) {
      const parsed = JSON.parse(fs.readFileSync(path.join(s.outputDir, name), 'utf8')) as { total_albums: number; albums: unknown[] };
      expect(parsed.total_albums).toBe(5);
      expect(parsed.albums).toHaveLength(5);
    }
  });
});

/** A gc() even when node runs without --expose-gc. */
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('1,000 GET config in a row', () => {
  it('keeps memory flat', async () => {
    const gc = gcFunction();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: s.server.port, path: `${PREFIX}/config`, agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setImmediate(r));
      }
      return process.memoryUsage().heapUsed;
    };

    for (let i = 0; i < 100; i++) expect(await get()).toBe(200); // warm up JIT and caches
    const before = await settle();
    let okCount = 0;
    for (let i = 0; i < 1000; i++) if ((await get()) === 200) okCount++;
    const after = await settle();
    agent.destroy();

    expect(okCount).toBe(1000);
    const growthMb = (after - before) / (1024 * 1024);
    // A leak of even one parsed request per call (a few KB) would show; GC noise stays well under.
    expect(growthMb).toBeLessThan(10);
  });
});
