/** heap-bound.ts: collections forced as an export goes, and the young generation held at its size. */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { boundHeapGrowth, HOLDS_YOUNG_GENERATION } from './heap-bound.js';

const MiB = 1024 * 1024;
const used = () => v8.getHeapStatistics().used_heap_size;

/** ~32 MiB of arrays too large for the young generation: only a full collection frees them. */
function garbage(): void {
  let junk: number[][] | null = Array.from({ length: 200 }, () => new Array<number>(20_000).fill(1.5));
  expect(junk.length).toBe(200);
  junk = null;
}

describe('boundHeapGrowth', () => {
  it('collects once the heap has grown by the step, and the garbage is gone after it', () => {
    const check = boundHeapGrowth({ floorBytes: 0, stepBytes: 16 * MiB });
    check(); // sets the base
    expect(check()).toBe(false);
    garbage();
    const before = used();
    expect(check()).toBe(true);
    expect(used()).toBeLessThan(before - 24 * MiB);
    expect(check()).toBe(false);
  });

  it('follows the measure it is given (the JSON export: its page buffers)', () => {
    let bytes = 0;
    const check = boundHeapGrowth({ floorBytes: 4 * MiB, stepBytes: 2 * MiB, used: () => bytes });
    bytes = 3 * MiB;
    expect(check()).toBe(false); // under the floor
    bytes = 5 * MiB;
    expect(check()).toBe(true);
    bytes = 6 * MiB;
    expect(check()).toBe(false); // less than a step since
    bytes = 7 * MiB + 1;
    expect(check()).toBe(true);
  });

  it('leaves V8 alone while the heap is under the floor', () => {
    const check = boundHeapGrowth({ floorBytes: used() + 256 * MiB, stepBytes: 1 * MiB });
    garbage();
    expect(check()).toBe(false);
  });
});

describe('boundHeapGrowth, minor', () => {
  /** The kinds of the collections V8 ran during `work` (Node reports them only while observed). */
  async function collectionsDuring(work: () => void): Promise<number[]> {
    const entries: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'gc' });
    const from = performance.now();
    work();
    const to = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20)); // entries are delivered after the collection
    observer.disconnect();
    return entries
      .filter((entry) => entry.startTime >= from && entry.startTime <= to)
      .map((entry) => (entry as PerformanceEntry & { detail: { kind: number } }).detail.kind);
  }

  it('frees young dead Buffers with a scavenge, not a full collection (the JSON export: written pages)', async () => {
    let bytes = 0;
    const check = boundHeapGrowth({ floorBytes: 0, stepBytes: 16 * MiB, used: () => bytes, kind: 'minor' });
    let pages: Buffer[] | null = Array.from({ length: 32 }, () => Buffer.allocUnsafeSlow(MiB).fill(7));
    bytes = pages.length * MiB;
    const before = process.memoryUsage().arrayBuffers;
    pages = null;
    let collected = false;
    expect(await collectionsDuring(() => (collected = check()))).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
    expect(collected).toBe(true);
    // V8 releases the dead buffers' memory on a background thread right after the scavenge.
    await vi.waitFor(() => expect(process.memoryUsage().arrayBuffers).toBeLessThan(before - 24 * MiB), { timeout: 2000 });
  });
});

describe('holdYoungGeneration', () => {
  it('holds the young generation at its size until released, then V8 grows it again (Node 20; elsewhere it holds nothing)', () => {
    // A fresh process: this one's young generation may have grown to its maximum already.
    const script = `
      import v8 from 'node:v8';
      import { holdYoungGeneration } from ${JSON.stringify(new URL('./heap-bound.ts', import.meta.url).href)};
      const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
      // Fast allocation with some survivors, as an export does: what makes V8 grow it.
      const churn = () => { let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 2e4) keep = []; } };
      const release = holdYoungGeneration();
      const held = young();
      churn();
      const whileHeld = young();
      release();
      churn();
      console.log(JSON.stringify({ held, whileHeld, after: young() }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const { held, whileHeld, after } = JSON.parse(child.stdout) as { held: number; whileHeld: number; after: number };
    if (HOLDS_YOUNG_GENERATION) expect(whileHeld).toBe(held);
    else expect(whileHeld).toBeGreaterThan(held);
    expect(after).toBeGreaterThan(held);
  });
});
