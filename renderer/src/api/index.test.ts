import { describe, expect, it } from 'vitest';
import { AIME_METHODS, type AimeApi, AimeError } from '../../../shared/contract.js';
import { pickApi } from './index.js';

describe('pickApi', () => {
  it('uses the preload’s window.aime inside Electron, restoring AimeError from bridged error data', async () => {
    // What Electron's context bridge hands the page: the preload's rejection as plain data.
    const calls: unknown[][] = [];
    const bridged = Object.fromEntries(
      AIME_METHODS.map((method) => [
        method,
        (...args: unknown[]) => {
          calls.push([method, ...args]);
          return method === 'runNow'
            ? Promise.reject({ name: 'AimeError', code: 'already_running', message: 'busy', details: { task: 'x' } })
            : Promise.resolve({ method });
        },
      ]),
    ) as unknown as AimeApi;
    bridged.subscribe = () => () => undefined;
    const api = pickApi({ aime: bridged });
    expect(await api.getConfig()).toEqual({ method: 'getConfig' });
    const error = await api.runNow('export_collection_json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AimeError);
    expect(error).toMatchObject({ code: 'already_running', message: 'busy', details: { task: 'x' } });
    expect(calls).toEqual([['getConfig'], ['runNow', 'export_collection_json']]);
  });

  it('falls back on the HTTP client in a browser, with every method of the contract', () => {
    const api: AimeApi = pickApi({});
    for (const method of AIME_METHODS) expect(typeof api[method]).toBe('function');
    expect(typeof api.subscribe).toBe('function');
  });
});
