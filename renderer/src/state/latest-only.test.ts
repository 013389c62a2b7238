import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const applied: string[] = [];
    const ask = latestOnly();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = ask(older.promise, (v) => applied.push(v));
    const second = ask(newer.promise, (v) => applied.push(v));
    newer.resolve('running');
    older.resolve('idle, from before the run started');
    await Promise.all([first, second]);
    expect(applied).toEqual(['running']);
  });

  it('drops an older answer still on its way when a newer one is asked', async () => {
    const applied: string[] = [];
    const ask = latestOnly();
    const older = deferred<string>();
    const first = ask(older.promise, (v) => applied.push(v));
    const second = ask(Promise.resolve('fresh'), (v) => applied.push(v));
    await second;
    older.resolve('stale');
    await first;
    expect(applied).toEqual(['fresh']);
  });

  it('applies nothing for a failed request', async () => {
    const applied: string[] = [];
    const ask = latestOnly();
    await ask(Promise.reject(new Error('offline')), (v: string) => applied.push(v));
    expect(applied).toEqual([]);
  });
});
