/**
 * The whole desktop start-up with a fake `electron` module and a real core on temporary
 * folders (fake clock and timers: nothing waits for a schedule).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app.js';
import { createMemoryLogger } from '../core/log.js';
import { createFakeClock, type FakeClock } from '../../test/support/fake-clock.js';
import { click, createFakeElectron, FakeBrowserWindow, FakeNotification, FakeTray, menuItem, type FakeElectron } from '../../test/support/fake-electron.js';
import { createIsolatedCore } from '../../test/support/isolated-core.js';
import { createHost } from '../core/host.js';
import { startDesktop, type Desktop } from './desktop.js';
import { methodChannel } from '../preload/channels.js';
import { APP_ENTRY_URL } from './security.js';
import { tempDir } from '../../test/support/temp-dir.js';

let data: string;
let home: string;
let clock: FakeClock;
let core: Core;
let electron: FakeElectron;
let lines: string[];

const PATHS = { preload: '/app/dist/preload/preload.cjs', rendererDir: '/app/renderer/dist', trayIcon: '/app/resources/icons/tray.png' };

async function start(argv: string[] = [], firstRun = true): Promise<Desktop> {
  const desktop = await startDesktop({ electron, argv, log: createMemoryLogger(lines), host: createHost({ core }), paths: PATHS, firstRun });
  if (!desktop) throw new Error(`the desktop did not start: ${electron.dialog.errors.join('; ')}`);
  return desktop;
}

async function until<T>(what: string, probe: () => T | Promise<T>): Promise<NonNullable<T>> {
  // Polls for async work started by a click or an event (real file writes); no schedule is awaited.
  for (let i = 0; i < 1000; i++) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(async () => {
  data = tempDir('aime-desktop-');
  home = tempDir('aime-home-');
  clock = createFakeClock(new Date(2026, 0, 31, 21, 2, 2));
  lines = [];
  electron = createFakeElectron();
  core = await createIsolatedCore({
    dataDir: data,
    clock,
    homeDir: home,
    log: createMemoryLogger(lines),
    openPath: async (dir) => (await electron.shell.openPath(dir)) === '',
  });
  // Never the real port 8000 in tests: these start without the API (host.test.ts serves it).
  core.settings.update((draft) => void (draft.api.enabled = false));
});

afterEach(async () => {
  await core.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('start-up', () => {
  it('opens a secure window on first run, serves the renderer, answers the window over IPC, builds the tray', async () => {
    await start([], true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: PATHS.preload });
    expect(win.loaded).toEqual([APP_ENTRY_URL]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(electron.session.defaultSession.headersListener).not.toBeNull();
    // Every method is reachable over IPC (test/contract.test.ts); here: the window's own call is answered.
    expect(await electron.ipcMain.invoke(methodChannel('getConfig'), win.webContents.invokeEvent())).toEqual({
      ok: true,
      value: await core.api.getConfig(),
    });
    const tray = FakeTray.instances[0]!;
    expect(tray.icon).toBe(PATHS.trayIcon);
    // The linked sources' sync comes first, at 05:30, so the 06:00 haiku sees fresh data.
    expect(tray.tooltip).toBe('AIME Scheduler — Prochaine exécution: 🔄 Synchronisation 2026-02-01 05:30');
    expect(menuItem(tray.menu!.template, 'status').label).toBe('Planificateur actif');
    expect(win.options.webPreferences?.devTools).toBe(false);
    expect(electron.Menu.applicationMenu).toBe(process.platform === 'darwin' ? expect.anything() : null);
  });

  it('starts in the tray with --hidden once set up, and the tray opens the window', async () => {
    await start(['electron', '.', '--hidden'], false);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    click(menuItem(FakeTray.instances[0]!.menu!.template, 'settings'));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('ignores --hidden on the very first run (the user must see the app once)', async () => {
    await start(['--hidden'], true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('writes the login item from desktop.start_at_login', async () => {
    core.settings.update((draft) => void (draft.desktop.start_at_login = true));
    await start();
    expect(electron.app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
  });

  it('follows desktop.start_at_login changed later from any door, launching hidden to the tray', async () => {
    await start();
    expect(electron.app.loginItem).toEqual({ openAtLogin: false, openAsHidden: true, args: [] });
    await core.api.updateApplication({ desktop: { start_at_login: true } });
    expect(electron.app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
    await core.api.updateApplication({ desktop: { notify_on_success: true } });
    expect(electron.app.loginItem.openAtLogin).toBe(true);
    await core.api.updateApplication({ desktop: { start_at_login: false } });
    expect(electron.app.loginItem.openAtLogin).toBe(false);
  });

  it('shows an error and quits when the data folder is locked by another process', async () => {
    const other = await createIsolatedCore({ dataDir: data, clock, homeDir: home });
    await other.start();
    try {
      expect(await startDesktop({ electron, argv: [], log: createMemoryLogger(lines), host: createHost({ core }), paths: PATHS, firstRun: false })).toBeNull();
      expect(electron.dialog.errors).toHaveLength(1);
      expect(electron.dialog.errors[0]).toMatch(/^AIME Scheduler: .*(lock|another)/i);
      expect(FakeBrowserWindow.instances).toHaveLength(0);
      await until('the app to end', () => electron.app.ended);
    } finally {
      await other.close();
    }
  });
});

describe('window life', () => {
  it('hides to the tray on close, with a one-time notice remembered in the settings', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.visible).toBe(false);
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['AIME Scheduler continue en arrière-plan']);
    expect(core.settings.get().desktop.close_to_tray_notice_shown).toBe(true);
    win.show();
    win.close();
    expect(FakeNotification.instances).toHaveLength(1);
    expect(electron.app.ended).toBe(false);
  });

  it('really quits from the tray: the window closes and the exit waits until the core is closed', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    click(menuItem(FakeTray.instances[0]!.menu!.template, 'quit'));
    expect(win.isDestroyed()).toBe(true);
    expect(electron.app.ended).toBe(false); // held by will-quit while the core closes
    await until('the app to end', () => electron.app.ended);
    expect(lines.some((l) => l.endsWith('AIME Scheduler stopped'))).toBe(true);
    // The lock is released: another core can take the data folder.
    const next = await createIsolatedCore({ dataDir: data, clock, homeDir: home });
    await next.start();
    await next.close();
  });

  it('quits on OS shutdown (powerMonitor)', async () => {
    await start();
    electron.powerMonitor.emit('shutdown');
    await until('the app to end', () => electron.app.ended);
    expect(FakeBrowserWindow.instances[0]!.isDestroyed()).toBe(true);
  });

  it('quits on Windows log-off or shutdown (the window gets session-end)', async () => {
    await start();
    FakeBrowserWindow.instances[0]!.emit('session-end');
    await until('the app to end', () => electron.app.ended);
    expect(FakeBrowserWindow.instances[0]!.isDestroyed()).toBe(true);
  });

  it('a second launch shows and focuses the existing window instead of opening another', async () => {
    await start(['--hidden'], false);
    electron.app.emit('second-instance');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    win.show();
    win.minimized = true;
    win.calls.length = 0;
    electron.app.emit('second-instance');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('reopens a new window after the old one was really destroyed', async () => {
    await start();
    const first = FakeBrowserWindow.instances[0]!;
    first.destroyed = true;
    electron.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });
});

describe('tray and events', () => {
  it('runs a task from the tray: the file is written and the run is recorded with trigger "tray"', async () => {
    const desktop = await start();
    // An empty collection's export is skipped: give it albums to write.
    await core.api.importCollection({ demo: true });
    click(menuItem(FakeTray.instances[0]!.menu!.template, 'run:export_collection_json'));
    const run = await until('a finished tray run', async () =>
      (await core.api.history(5)).find((r) => r.status === 'completed' && r.task !== 'import_collection'),
    );
    expect(run).toMatchObject({ task: 'export_collection_json', trigger: 'tray' });
    expect(fs.existsSync(run.file!)).toBe(true);
    await desktop.refreshTray();
    expect(menuItem(FakeTray.instances[0]!.menu!.template, 'run:export_collection_json').enabled).toBe(true);
  });

  it('badges the tray while settings.json is recovered (edited by hand meanwhile), until a setting is saved', async () => {
    await start();
    const tray = FakeTray.instances[0]!;
    const hasBadge = () => tray.menu!.template.some((item) => item.id === 'attention');
    expect(hasBadge()).toBe(false);
    const file = path.join(data, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 999 }));
    await until('the badge', hasBadge);
    expect(tray.tooltip).toBe('AIME Scheduler — ⚠ À vérifier dans les paramètres');
    click(menuItem(tray.menu!.template, 'attention'));
    expect(FakeBrowserWindow.instances.at(-1)!.visible).toBe(true);
    await core.api.setMaxFilesPerType(9);
    await until('the badge gone', () => !hasBadge());
    expect(tray.tooltip).not.toContain('À vérifier');
  });

  it('pauses and resumes the scheduler from the tray, the menu following the state', async () => {
    await start();
    const tray = FakeTray.instances[0]!;
    click(menuItem(tray.menu!.template, 'pause'));
    await until('the paused menu', () => menuItem(tray.menu!.template, 'pause').label === 'Reprendre');
    expect((await core.api.status()).running).toBe(false);
    expect(tray.tooltip).toBe('AIME Scheduler — Planificateur en pause');
    click(menuItem(tray.menu!.template, 'pause'));
    await until('the running menu', () => menuItem(tray.menu!.template, 'pause').label === 'Mettre en pause');
    expect((await core.api.status()).running).toBe(true);
  });

  it('opens the output folder through shell.openPath', async () => {
    await start();
    click(menuItem(FakeTray.instances[0]!.menu!.template, 'open-output'));
    await until('openPath', () => electron.shell.opened.length > 0);
    expect(electron.shell.opened).toEqual([(await core.api.getConfig()).output_dir]);
  });

  it('opens the latest export from the tray once there is one, through shell.openPath', async () => {
    const desktop = await start();
    const tray = FakeTray.instances[0]!;
    expect(menuItem(tray.menu!.template, 'open-latest-export').enabled).toBe(false);
    await core.api.importCollection({ demo: true });
    const run = await core.api.runNow('export_collection_markdown');
    await desktop.refreshTray();
    expect(menuItem(tray.menu!.template, 'open-latest-export').enabled).toBe(true);
    expect(menuItem(tray.menu!.template, 'open-latest-haiku').enabled).toBe(false);
    click(menuItem(tray.menu!.template, 'open-latest-export'));
    await until('openPath', () => electron.shell.opened.length > 0);
    expect(electron.shell.opened).toEqual([run.file]);
  });

  it('forwards core events to the window on aime:event', async () => {
    await start();
    await core.api.setMaxFilesPerType(7);
    const sent = FakeBrowserWindow.instances[0]!.webContents.sent;
    expect(sent.map((s) => s.channel)).toContain('aime:event');
    expect(sent.find((s) => (s.args[0] as { type: string }).type === 'config-changed')).toBeDefined();
  });

  it('notifies a failed run; clicking the notification shows the window', async () => {
    await start(['--hidden'], false);
    // The output folder is replaced by a file after it was chosen: the export cannot be written.
    const blocker = path.join(home, 'gone');
    await core.api.setOutputDir(blocker);
    fs.rmSync(blocker, { recursive: true, force: true });
    fs.writeFileSync(blocker, 'a file where the output folder should be');
    await core.api.runNow('export_collection_json').catch(() => undefined);
    const notification = await until('a failure notification', () => FakeNotification.instances.find((n) => /échec/.test(n.options.title)));
    expect(notification.options.title).toBe('AIME Scheduler — 📊 JSON: échec');
    // Why, in the desktop's language and plain words (no errno, no English).
    expect(notification.options.body).toBe(`${blocker} est un fichier, pas un dossier.`);
    expect(notification.shown).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    notification.emit('click');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('notifies completions only when chosen; clicking opens the written file', async () => {
    await start();
    await core.api.importCollection({ demo: true });
    await core.api.runNow('export_collection_json');
    expect(FakeNotification.instances).toHaveLength(0);
    core.settings.update((draft) => void (draft.desktop.notify_on_success = true));
    const result = await core.api.runNow('export_collection_json');
    const notification = await until('a completion notification', () => FakeNotification.instances[0]);
    expect(notification.options.body).toBe(path.basename(result.file!));
    notification.emit('click');
    await until('openPath', () => electron.shell.opened.length > 0);
    expect(electron.shell.opened).toEqual([result.file]);
  });
});

describe('power events', () => {
  it('resume and unlock-screen make the core catch up the runs missed while asleep', async () => {
    await start();
    // Asleep through the night: every daily run of the morning was missed.
    clock.set(new Date(2026, 1, 1, 11, 30));
    electron.powerMonitor.emit('resume');
    const runs = await until('the catch-up runs', async () => {
      const history = await core.api.history(10);
      return history.length === 4 && history.every((r) => r.status !== 'running') ? history : null;
    });
    expect(runs.map((r) => r.trigger)).toEqual(['catch-up', 'catch-up', 'catch-up', 'catch-up']);
    clock.set(new Date(2026, 1, 2, 9, 0));
    electron.powerMonitor.emit('unlock-screen');
    const after = await until('the next catch-up', async () => {
      const history = await core.api.history(10);
      return history.length === 7 && history.every((r) => r.status !== 'running') ? history : null;
    });
    expect(after.slice(0, 3).map((r) => r.task).sort()).toEqual([
      'export_collection_markdown',
      'generate_haiku_scheduled',
      'sync_collection',
    ]);
    expect(lines.some((l) => l.includes('System event "unlock-screen"'))).toBe(true);
  });
});

describe('Linux autostart from the settings', () => {
  it('writes the XDG autostart entry instead of an Electron login item', async () => {
    const configHome = path.join(home, '.config');
    core.settings.update((draft) => void (draft.desktop.start_at_login = true));
    await startDesktop({
      electron,
      argv: [],
      log: createMemoryLogger(lines),
      host: createHost({ core }),
      paths: PATHS,
      firstRun: false,
      linuxAutostart: { configHome, executable: '/usr/bin/aime-scheduler' },
    });
    expect(fs.readFileSync(path.join(configHome, 'autostart', 'aime-scheduler.desktop'), 'utf8')).toContain('Exec=/usr/bin/aime-scheduler --hidden');
    expect(electron.app.loginItem).toEqual({ openAtLogin: false });
  });
});

describe('development run', () => {
  it('leaves login items alone and enables dev tools', async () => {
    core.settings.update((draft) => void (draft.desktop.start_at_login = true));
    await startDesktop({ electron, argv: [], log: createMemoryLogger(lines), host: createHost({ core }), paths: PATHS, firstRun: true, packaged: false });
    expect(electron.app.loginItem).toEqual({ openAtLogin: false });
    expect(FakeBrowserWindow.instances[0]!.options.webPreferences?.devTools).toBe(true);
  });
});
