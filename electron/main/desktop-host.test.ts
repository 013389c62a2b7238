/**
 * The desktop app is a host (DESIGN.md §5 "One host"): started through the fake-electron
 * harness with a real core, it answers the seed's three curl lines with the real `curl` on the
 * port in its settings; with api.enabled=false it opens no port; with the port taken it still
 * starts and the tray and the log say so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { curl, PREFIX } from '../../test/api/harness.js';
import { freePort, occupyPort } from '../../test/support/ports.js';
import type { Core } from '../core/app.js';
import { createHost, type Host } from '../core/host.js';
import { createMemoryLogger } from '../core/log.js';
import { readLockHolder } from '../core/schedule/index.js';
import { createIsolatedCore } from '../../test/support/isolated-core.js';
import { startDesktop, type Desktop } from './desktop.js';
import { createFakeElectron, FakeBrowserWindow, FakeTray, menuItem, type FakeElectron } from '../../test/support/fake-electron.js';

let data: string;
let home: string;
let core: Core;
let host: Host;
let electron: FakeElectron;
let lines: string[];
const others: Array<{ close(): Promise<void> }> = [];

const PATHS = { preload: '/app/dist/preload/preload.cjs', rendererDir: '/app/renderer/dist', trayIcon: '/app/resources/icons/tray.png' };

async function start(options: { otherDataDirs?: string[] } = {}): Promise<Desktop> {
  host = createHost({ core, otherDataDirs: options.otherDataDirs });
  const desktop = await startDesktop({ electron, argv: [], log: createMemoryLogger(lines), host, paths: PATHS, firstRun: true });
  if (!desktop) throw new Error(`the desktop did not start: ${electron.dialog.errors.join('; ')}`);
  return desktop;
}

const trayApiLabel = () => menuItem(FakeTray.instances[0]!.menu!.template, 'api').label;

async function within(ms: number, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-desktop-host-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-home-'));
  lines = [];
  electron = createFakeElectron();
  core = await createIsolatedCore({ dataDir: data, homeDir: home, log: createMemoryLogger(lines) });
  // An empty collection's exports are skipped: give the runs below albums to write.
  await core.api.importCollection({ demo: true });
});

afterEach(async () => {
  await host?.close();
  await core.close();
  for (const other of others.splice(0)) await other.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the desktop app serves the API', () => {
  it('answers the seed\'s three curl lines on the port in its settings, and names that port in the lock', async () => {
    const port = await freePort();
    core.settings.update((draft) => void (draft.api.port = port));
    await start();
    expect(host.apiState()).toEqual({ enabled: true, port, url: `http://127.0.0.1:${port}`, problem: null });
    expect(readLockHolder(data)).toMatchObject({ pid: process.pid, port, self: true });
    expect(trayApiLabel()).toBe(`API : http://127.0.0.1:${port}`);

    const at = (p: string) => `http://localhost:${port}${PREFIX}${p}`;
    const config = await curl([at('/config')]);
    expect(config.status).toBe(200);
    expect(JSON.parse(config.body)).toMatchObject({ enabled: true, max_files_per_type: 5 });
    const patch = await curl(['-X', 'PATCH', at('/config?max_files_per_type=10')]);
    expect(patch).toEqual({ status: 200, body: '{"max_files_per_type":10}' });
    expect(core.settings.get().max_files_per_type).toBe(10);
    const run = await curl(['-X', 'POST', at('/trigger/export_collection_json')]);
    expect(run.status).toBe(200);
    const result = JSON.parse(run.body) as { task: string; status: string; file: string };
    expect(result).toMatchObject({ task: 'export_collection_json', status: 'completed' });
    expect(fs.existsSync(result.file)).toBe(true);
    expect((await core.api.history()).find((r) => r.task === 'export_collection_json')?.trigger).toBe('api');
    // Host/Origin protections are the API's own: a page of another site is still refused.
    const foreign = await curl(['-H', 'Origin: http://evil.example', at('/config')]);
    expect(foreign.status).toBe(403);
  });

  it('with api.enabled=false opens no port; turning it on from any door serves it at once', async () => {
    core.settings.update((draft) => void (draft.api.enabled = false));
    const port = await freePort();
    core.settings.update((draft) => void (draft.api.port = port));
    await start();
    expect(host.apiState()).toEqual({ enabled: false, port, url: null, problem: null });
    expect(readLockHolder(data)?.port).toBeNull();
    expect(trayApiLabel()).toBe('API désactivée');
    expect((await curl(['-m', '5', `http://127.0.0.1:${port}${PREFIX}/config`]).catch((e: Error) => e)) instanceof Error).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);

    core.settings.update((draft) => void (draft.api.enabled = true));
    await within(1000, () => host.apiState().url !== null);
    expect((await curl([`http://127.0.0.1:${port}${PREFIX}/config`])).status).toBe(200);
    expect(readLockHolder(data)?.port).toBe(port);
    expect(trayApiLabel()).toBe(`API : http://127.0.0.1:${port}`);
  });

  it('with the port taken by another program: the app starts, the tray says so, the log names the port', async () => {
    const taken = await occupyPort();
    others.push(taken);
    core.settings.update((draft) => void (draft.api.port = taken.port));
    await start();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(electron.dialog.errors).toEqual([]);
    expect(host.apiState()).toEqual({
      enabled: true,
      port: taken.port,
      url: null,
      problem: `port ${taken.port} on 127.0.0.1 is in use by another program`,
    });
    expect(trayApiLabel()).toBe(`API arrêtée : port ${taken.port} occupé`);
    expect(lines.some((l) => l.includes(`WARN - API not started: port ${taken.port} on 127.0.0.1 is in use by another program`))).toBe(true);
    expect(readLockHolder(data)?.port).toBeNull();
    // The engine works without the API.
    expect((await core.api.runNow('export_collection_json', 'manual')).status).toBe('completed');
  });

  it('with the port taken by another AIME host, the log says which (its lock names the port)', async () => {
    const otherData = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-other-'));
    const otherCore = await createIsolatedCore({ dataDir: otherData, homeDir: home });
    const otherHost = createHost({ core: otherCore, port: 0, alwaysServe: true });
    await otherHost.start();
    others.push({ close: async () => (await otherHost.close(), fs.rmSync(otherData, { recursive: true, force: true })) });
    const port = Number(new URL(otherHost.apiState().url!).port);
    core.settings.update((draft) => void (draft.api.port = port));
    await start({ otherDataDirs: [otherData] });
    expect(host.apiState().problem).toBe(`port ${port} on 127.0.0.1 is in use by AIME Scheduler (pid ${process.pid}, data folder ${otherData})`);
    expect(lines.some((l) => l.includes(`API not started: port ${port}`) && l.includes(otherData))).toBe(true);
  });
});
