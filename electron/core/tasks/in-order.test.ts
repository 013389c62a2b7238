/** Jobs split between this thread and a worker come back in order, with a bounded lead. */
import { describe, expect, it } from 'vitest';
import { inOrder } from './in-order.js';

async function collect<R>(results: AsyncGenerator<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('inOrder', () => {
  it('gives results in job order, the worker never more than `ahead` jobs in front', async () => {
    let consumed = 0;
    let maxLead = 0;
    const results = inOrder({
      count: 10,
      here: (k) => `here ${k}`,
      there: async (k) => {
        maxLead = Math.max(maxLead, k - consumed);
        // Later jobs finish first: the order must still be the jobs'.
        await new Promise((resolve) => setImmediate(resolve, 10 - k));
        return `there ${k}`;
      },
      onWorker: (k) => k % 3 !== 0,
      ahead: 2,
    });
    const all: string[] = [];
    for await (const result of results) {
      all.push(result);
      consumed++;
    }
    expect(all).toEqual(Array.from({ length: 10 }, (_, k) => (k % 3 === 0 ? `here ${k}` : `there ${k}`)));
    expect(maxLead).toBe(2);
  });

  it('runs every job here when there is no worker', async () => {
    const all = await collect(inOrder({ count: 3, here: (k) => k * 2, there: null, onWorker: () => true, ahead: 4 }));
    expect(all).toEqual([0, 2, 4]);
  });

  it("fails in the failed job's turn, after the results before it", async () => {
    const seen: number[] = [];
    const results = inOrder({
      count: 5,
      here: (k) => k,
      there: async (k) => {
        if (k === 3) throw new Error('worker stopped');
        return k;
      },
      onWorker: (k) => k % 2 === 1,
      ahead: 4,
    });
    await expect(
      (async () => {
        for await (const result of results) seen.push(result);
      })(),
    ).rejects.toThrow('worker stopped');
    expect(seen).toEqual([0, 1, 2]);
  });
});
