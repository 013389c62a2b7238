/**
 * The preload's AimeApi over a transport wired to the real main-side wrapper and a real core,
 * as `ipcRenderer.invoke` → `ipcMain.handle` would be in Electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AimeApi, AimeError, isAimeErrorData } from '../../shared/contract.js';
import type { AimeEvent } from '../../shared/api.js';
import type { Core } from '../core/app.js';
import { createMemoryLogger } from '../core/log.js';
import { createFakeElectron, FakeBrowserWindow, FakeEmitter, FakeIpcMain } from '../../test/support/fake-electron.js';
import { createIsolatedCore } from '../../test/support/isolated-core.js';
import { forwardEvents, registerIpcHandlers, trustedSender } from '../main/ipc.js';
import { createBridge, forMainWorld, unwrapResult, type RendererTransport } from './bridge.js';
import { EVENT_CHANNEL } from './channels.js';

let data: string;
let home: string;
let core: Core;
let api: AimeApi;
let rendererEvents: FakeEmitter;
let removed: number;

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-preload-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-home-'));
  createFakeElectron();
  core = await createIsolatedCore({ dataDir: data, homeDir: home });
  const ipcMain = new FakeIpcMain();
  const win = new FakeBrowserWindow({});
  registerIpcHandlers({ ipcMain, api: core.api, isTrusted: trustedSender(() => win, (url) => url.startsWith('app://aime/')), log: createMemoryLogger([]) });
  // Main → renderer: what webContents.send delivers to ipcRenderer listeners.
  rendererEvents = new FakeEmitter();
  removed = 0;
  const listeners = new Set<(event: unknown, ...args: unknown[]) => void>();
  win.webContents.send = (channel: string, ...args: unknown[]) => rendererEvents.emit(channel, { sender: 'ipc' }, ...args);
  forwardEvents(core.api, () => win);
  const transport: RendererTransport = {
    invoke: (channel, ...args) => ipcMain.invoke(channel, win.webContents.invokeEvent(), ...args),
    on: (channel, listener) => {
      listeners.add(listener);
      rendererEvents.on(channel, (...a: unknown[]) => {
        if (listeners.has(listener)) listener(a[0], ...a.slice(1));
      });
    },
    removeListener: (_channel, listener) => {
      if (listeners.delete(listener)) removed++;
    },
  };
  api = createBridge(transport);
});

afterEach(async () => {
  await core.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('preload bridge', () => {
  it('returns the core answer for a valid call', async () => {
    expect(await api.setMaxFilesPerType(12)).toEqual({ max_files_per_type: 12 });
    expect((await api.getConfig()).max_files_per_type).toBe(12);
  });

  it('rethrows a refused call as an AimeError with its code, message and details', async () => {
    const error = await api.runNow('nope' as never).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AimeError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/unknown task "nope"/) });
  });

  it('delivers events to subscribers without the Electron event object, until unsubscribed', async () => {
    const seen: AimeEvent[] = [];
    const unsubscribe = api.subscribe((event) => seen.push(event));
    await api.setCatchUpMissedRuns(false);
    expect(seen).toEqual([expect.objectContaining({ type: 'config-changed' })]);
    unsubscribe();
    expect(removed).toBe(1);
    await api.setCatchUpMissedRuns(true);
    expect(seen).toHaveLength(1);
    expect(rendererEvents.listenerCount(EVENT_CHANNEL)).toBe(1);
  });
});

describe('unwrapResult', () => {
  it('keeps details of a typed error', () => {
    expect(() =>
      unwrapResult('runNow', { ok: false, error: { code: 'not_found', message: 'gone', details: { valid: ['a'] } } }),
    ).toThrow(expect.objectContaining({ code: 'not_found', message: 'gone', details: { valid: ['a'] } }));
  });

  it('turns a malformed answer into an internal error naming the method', () => {
    for (const answer of [undefined, null, 42, { ok: false }, { value: 1 }]) {
      expect(() => unwrapResult('status', answer)).toThrow(
        expect.objectContaining({ code: 'internal', message: 'status: unexpected answer from the main process' }),
      );
    }
  });
});

describe('forMainWorld (what crosses the context bridge)', () => {
  it('answers like the bridge and rejects with structured-clonable error data that keeps the code', async () => {
    const page = forMainWorld(api);
    // Only plain functions cross the context bridge.
    for (const value of Object.values(page)) expect(typeof value).toBe('function');
    expect(await page.setMaxFilesPerType(9)).toEqual({ max_files_per_type: 9 });
    const rejection = await page.updateTask('export_collection_json', { time: '24:00' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(rejection).not.toBeInstanceOf(Error);
    expect(rejection).toEqual({ name: 'AimeError', code: 'invalid_input', message: expect.stringMatching(/time must be HH:MM/) });
    expect(structuredClone(rejection)).toEqual(rejection);
    expect(isAimeErrorData(rejection)).toBe(true);
  });

  it('passes subscriptions through', async () => {
    const page = forMainWorld(api);
    const seen: string[] = [];
    const stop = page.subscribe((event) => seen.push(event.type));
    await page.setCatchUpMissedRuns(false);
    stop();
    await page.setCatchUpMissedRuns(true);
    expect(seen).toEqual(['config-changed']);
  });
});
