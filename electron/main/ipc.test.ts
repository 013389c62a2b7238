/** The main-side IPC wrapper against a real core: sender check, validation, pass-through, events. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app.js';
import { createMemoryLogger } from '../core/log.js';
import { createFakeElectron, FakeBrowserWindow, FakeIpcMain, FakeWebContents } from '../../test/support/fake-electron.js';
import { createIsolatedCore } from '../../test/support/isolated-core.js';
import { EVENT_CHANNEL, methodChannel } from '../preload/channels.js';
import { forwardEvents, registerIpcHandlers, trustedSender, type WindowTarget } from './ipc.js';
import { APP_ENTRY_URL, isSameOrigin } from './security.js';

let data: string;
let home: string;
let core: Core;
let lines: string[];
let ipcMain: FakeIpcMain;
let win: FakeBrowserWindow | null;
let dispose: () => void;

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-ipc-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-home-'));
  lines = [];
  createFakeElectron();
  core = await createIsolatedCore({ dataDir: data, homeDir: home });
  ipcMain = new FakeIpcMain();
  win = new FakeBrowserWindow({});
  dispose = registerIpcHandlers({
    ipcMain,
    api: core.api,
    isTrusted: trustedSender(() => win as WindowTarget | null, (url) => isSameOrigin(url, APP_ENTRY_URL)),
    log: createMemoryLogger(lines),
  });
});

afterEach(async () => {
  await core.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

const own = () => win!.webContents.invokeEvent();

describe('registration', () => {
  // That every method is reachable is tested through the bridge on every method (test/contract.test.ts).
  it('removes every handler it registered', () => {
    expect(ipcMain.handlers.size).toBeGreaterThan(0);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('sender check', () => {
  it('passes a call from the app window through to the core', async () => {
    expect(await ipcMain.invoke(methodChannel('setMaxFilesPerType'), own(), 10)).toEqual({
      ok: true,
      value: { max_files_per_type: 10 },
    });
    const config = (await ipcMain.invoke(methodChannel('getConfig'), own())) as { ok: true; value: { max_files_per_type: number } };
    expect(config.value.max_files_per_type).toBe(10);
  });

  it('refuses another webContents, changes nothing and logs the refusal', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'https://evil.example/';
    const answer = await ipcMain.invoke(methodChannel('setMaxFilesPerType'), stranger.invokeEvent(), 10);
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_input', message: 'setMaxFilesPerType: sender not allowed' } });
    expect((await core.api.getConfig()).max_files_per_type).toBe(5);
    expect(lines.some((l) => / - WARN - IPC setMaxFilesPerType refused: .*https:\/\/evil\.example\//.test(l))).toBe(true);
  });

  it('refuses a frame inside the app window (an iframe is not the app), even on the app origin', async () => {
    const id = win!.webContents.id;
    for (const senderFrame of [
      { url: 'https://ads.example/frame', processId: 7, routingId: id + 1000 },
      { url: 'app://aime/index.html', processId: 7, routingId: id + 1000 },
      { url: 'app://aime/index.html' },
      null,
    ]) {
      expect(await ipcMain.invoke(methodChannel('status'), { sender: { id }, senderFrame })).toMatchObject({ ok: false });
    }
  });

  it('accepts the main frame described by a new object (Electron may hand out another wrapper)', async () => {
    const event = { sender: { id: win!.webContents.id }, senderFrame: { ...win!.webContents.mainFrame } };
    expect(await ipcMain.invoke(methodChannel('status'), event)).toMatchObject({ ok: true });
  });

  it('refuses the app window once it shows another origin', async () => {
    win!.webContents.mainFrame.url = 'https://evil.example/';
    expect(await ipcMain.invoke(methodChannel('status'), own())).toMatchObject({ ok: false });
  });

  it('refuses everything once the window is gone', async () => {
    const event = own();
    win!.destroyed = true;
    expect(await ipcMain.invoke(methodChannel('getConfig'), event)).toMatchObject({ ok: false });
    win = null;
    expect(await ipcMain.invoke(methodChannel('getConfig'), event)).toMatchObject({ ok: false });
  });
});

describe('validation', () => {
  it.each([
    ['setMaxFilesPerType', [0], /max_files_per_type must be between 1 and 50/],
    ['setMaxFilesPerType', ['10'], /max_files_per_type must be a number/],
    ['setMaxFilesPerType', [], /./],
    ['updateTask', ['export_collection_json', { time: '25:00' }], /time must be HH:MM/],
    ['updateTask', ['export_collection_json', { unknown: 1 }], /unknown/i],
    ['runNow', ['rm -rf /'], /unknown task "rm -rf \/"; valid tasks: generate_haiku_scheduled/],
    ['setSchedulerEnabled', ['yes'], /./],
    ['getConfig', [{ extra: true }], /./],
  ] as const)('refuses %s(%j) with invalid_input and changes nothing', async (method, args, message) => {
    const before = await core.api.getConfig();
    const answer = (await ipcMain.invoke(`aime:${method}`, own(), ...args)) as { ok: false; error: { code: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(message);
    expect(await core.api.getConfig()).toEqual(before);
  });

  it('stamps the window\'s runs "manual": the window may not claim "schedule" (or any other door)', async () => {
    for (const claim of ['schedule', 'catch-up', 'api', undefined]) {
      const answer = (await ipcMain.invoke(methodChannel('runNow'), own(), 'export_collection_json', ...(claim ? [claim] : []))) as {
        ok: boolean;
        value: { trigger: string };
      };
      expect(answer.ok).toBe(true);
    }
    expect((await core.api.history(4)).map((r) => r.trigger)).toEqual(['manual', 'manual', 'manual', 'manual']);
  });

  it('stamps the window\'s imports "manual" in the history too', async () => {
    for (const claim of ['cli', 'api', undefined]) {
      const answer = (await ipcMain.invoke(methodChannel('importCollection'), own(), { demo: true }, ...(claim ? [claim] : []))) as { ok: boolean };
      expect(answer.ok).toBe(true);
    }
    expect((await core.api.history(3)).map((r) => [r.task, r.trigger])).toEqual([
      ['import_collection', 'manual'],
      ['import_collection', 'manual'],
      ['import_collection', 'manual'],
    ]);
  });

  it('stamps the window\'s syncs "manual" in the history too', async () => {
    for (const claim of ['schedule', 'cli', undefined]) {
      const answer = (await ipcMain.invoke(methodChannel('syncSources'), own(), ...(claim ? [claim] : []))) as { ok: boolean };
      expect(answer.ok).toBe(true);
    }
    expect((await core.api.history(3)).map((r) => [r.task, r.trigger])).toEqual([
      ['sync_collection', 'manual'],
      ['sync_collection', 'manual'],
      ['sync_collection', 'manual'],
    ]);
  });

  it('maps a core refusal to its typed error (already running)', async () => {
    // An empty collection's export is skipped: give it albums to write.
    await core.api.importCollection({ demo: true });
    const first = ipcMain.invoke(methodChannel('runNow'), own(), 'export_collection_json');
    const second = (await ipcMain.invoke(methodChannel('runNow'), own(), 'export_collection_json')) as {
      ok: false;
      error: { code: string };
    };
    expect(second).toMatchObject({ ok: false, error: { code: 'already_running' } });
    expect(await first).toMatchObject({ ok: true, value: { task: 'export_collection_json', status: 'completed' } });
  });
});

describe('events', () => {
  it('sends core events to the window, and stops when unsubscribed or the window is gone', async () => {
    const stop = forwardEvents(core.api, () => win as WindowTarget | null);
    await core.api.setCatchUpMissedRuns(false);
    expect(win!.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [expect.objectContaining({ type: 'config-changed' })] },
    ]);
    win!.webContents.destroyed = true;
    await core.api.setCatchUpMissedRuns(true);
    expect(win!.webContents.sent).toHaveLength(1);
    win!.webContents.destroyed = false;
    stop();
    await core.api.setCatchUpMissedRuns(false);
    expect(win!.webContents.sent).toHaveLength(1);
  });
});
