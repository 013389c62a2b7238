/** Jobs shared between this thread and a worker come back in order, each run once, with a bounded lead. */
import { describe, expect, it } from 'vitest';
import { inOrder } from './in-order.js';

async function collect<R>(results: AsyncGenerator<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const result of results) all.push(result);
  return all;
}

const jobs = (count: number) => Array.from({ length: count }, (_, k) => `job ${k}`);

describe('inOrder', () => {
  it('gives every result once and in job order, the worker never more than `ahead` jobs in front', async () => {
    const ranHere: number[] = [];
    const ranThere: number[] = [];
    let consumed = 0;
    let maxLead = 0;
    const results = inOrder({
      count: 10,
      here: (k) => (ranHere.push(k), `job ${k}`),
      there: async (k) => {
        ranThere.push(k);
        maxLead = Math.max(maxLead, k - consumed);
        // Later jobs finish first: the order must still be the jobs'.
        await new Promise((resolve) => setTimeout(resolve, 10 - k));
        return `job ${k}`;
      },
      onWorker: (k) => k % 3 !== 0,
      ahead: 2,
    });
    const all: string[] = [];
    for await (const result of results) {
      all.push(result);
      consumed++;
    }
    expect(all).toEqual(jobs(10));
    expect([...ranHere, ...ranThere].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ranThere.every((k) => k % 3 !== 0)).toBe(true);
    expect(maxLead).toBeLessThanOrEqual(2);
  });

  it('runs the next jobs here while the worker is slow, holding at most `ahead` of them', async () => {
    const ranHere: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const results = inOrder({
      count: 12,
      here: (k) => (ranHere.push(k), `job ${k}`),
      // The worker answers nothing until released.
      there: async (k) => (await released, `job ${k}`),
      onWorker: () => true,
      ahead: 3,
    });
    const first = results.next();
    // Waiting for job 0, this thread takes the jobs after the worker's window, three at most.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(ranHere).toEqual([4, 5, 6]);
    release();
    expect((await first).value).toBe('job 0');
    const rest: string[] = [];
    for await (const result of results) rest.push(result);
    expect(['job 0', ...rest]).toEqual(jobs(12));
  });

  it('runs every job here when there is no worker', async () => {
    const all = await collect(inOrder({ count: 3, here: (k) => k * 2, there: null, onWorker: () => true, ahead: 4 }));
    expect(all).toEqual([0, 2, 4]);
  });

  it('does here a job the worker could not do, and fails in its turn if it fails here too', async () => {
    const ranHere: number[] = [];
    const run = (failsHere: boolean) =>
      inOrder({
        count: 5,
        here: (k) => {
          ranHere.push(k);
          if (failsHere && k === 3) throw new Error('no such table: albums');
          return k;
        },
        there: async (k) => {
          if (k === 3) throw new Error('the export worker stopped');
          return k;
        },
        onWorker: (k) => k % 2 === 1,
        ahead: 4,
      });
    expect(await collect(run(false))).toEqual([0, 1, 2, 3, 4]);
    expect(ranHere.sort()).toEqual([0, 2, 3, 4]);

    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const result of run(true)) seen.push(result);
      })(),
    ).rejects.toThrow('no such table: albums');
    expect(seen).toEqual([0, 1, 2]);
  });
});
