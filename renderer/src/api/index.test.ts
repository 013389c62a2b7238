import { describe, expect, it } from 'vitest';
import { AIME_METHODS, type AimeApi } from '../../../shared/api.js';
import { createHttpApi } from './http.js';
import { pickApi } from './index.js';

describe('pickApi', () => {
  it('uses the preload’s window.aime inside Electron', () => {
    const ipc = createHttpApi('http://127.0.0.1:1');
    expect(pickApi({ aime: ipc })).toBe(ipc);
  });

  it('falls back on the HTTP client in a browser, with every method of the contract', () => {
    const api: AimeApi = pickApi({});
    for (const method of AIME_METHODS) expect(typeof api[method]).toBe('function');
    expect(typeof api.subscribe).toBe('function');
  });
});
