/** boundHeapGrowth: a full collection once the heap has grown past its floor by the step. */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './heap-bound.js';

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
    const check = boundHeapGrowth(0, 16 * MiB);
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
    const check = boundHeapGrowth(4 * MiB, 2 * MiB, () => bytes);
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
    const check = boundHeapGrowth(used() + 256 * MiB, 1 * MiB);
    garbage();
    expect(check()).toBe(false);
  });
});
