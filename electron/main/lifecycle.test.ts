/** Single instance, login item, start hidden, paths: the small decisions of main.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../core/log.js';
import { claimSingleInstance, createQuitGuard } from './lifecycle.js';
import { applyLinuxAutostart, applyStartAtLogin, autostartEntry, shouldStartHidden } from './login-item.js';
import { appPaths, dataDirOverride, unpacked } from './paths.js';
import { createFakeElectron, FakeApp, FakeEmitter } from '../../test/support/fake-electron.js';
import { tempDir } from '../../test/support/temp-dir.js';

describe('single instance', () => {
  it('the first instance keeps running; a second one quits before opening anything', () => {
    createFakeElectron();
    const first = new FakeApp();
    expect(claimSingleInstance(first)).toBe(true);
    expect(first.quitCount).toBe(0);
    const second = new FakeApp();
    second.gotLock = false;
    expect(claimSingleInstance(second)).toBe(false);
    expect(second.quitCount).toBe(1);
  });
});

describe('quit guard', () => {
  it('holds the exit until the core is closed, even when the close fails', async () => {
    createFakeElectron();
    const app = new FakeApp();
    const lines: string[] = [];
    let release: () => void = () => undefined;
    const guard = createQuitGuard(app, { closeCore: () => new Promise<void>((_, reject) => (release = () => reject(new Error('db busy')))), log: createMemoryLogger(lines) }, new FakeEmitter());
    expect(guard.isQuitting()).toBe(false);
    guard.quit();
    expect(guard.isQuitting()).toBe(true);
    expect(app.ended).toBe(false);
    app.quit(); // a second Quit while closing does not start a second close
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(app.ended).toBe(true);
    expect(lines.some((l) => l.includes('ERROR - Closing the engine failed: Error: db busy'))).toBe(true);
  });

  it('Cmd+Q / app menu Quit (before-quit) marks the app as quitting', () => {
    const app = new FakeApp();
    const guard = createQuitGuard(app, { closeCore: async () => undefined, log: createMemoryLogger() });
    app.emitPreventable('before-quit');
    expect(guard.isQuitting()).toBe(true);
  });
});

describe('login item and hidden start', () => {
  it('registers the app to start hidden in the tray, or unregisters it', () => {
    const app = new FakeApp();
    applyStartAtLogin(app, true);
    expect(app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
    applyStartAtLogin(app, false);
    expect(app.loginItem).toEqual({ openAtLogin: false, openAsHidden: true, args: [] });
  });

  it('starts hidden with --hidden or when macOS opened it hidden, never on first run', () => {
    expect(shouldStartHidden(['app', '--hidden'], null, false)).toBe(true);
    expect(shouldStartHidden(['app'], { wasOpenedAsHidden: true }, false)).toBe(true);
    expect(shouldStartHidden(['app'], { wasOpenedAsHidden: false }, false)).toBe(false);
    expect(shouldStartHidden(['app', '--hidden'], { wasOpenedAsHidden: true }, true)).toBe(false);
  });
});

describe('paths', () => {
  it('finds preload, renderer, icons and the Electron build of better-sqlite3, unpacked from asar', () => {
    const asar = path.join('/opt', 'AIME Scheduler', 'resources', 'app.asar');
    const paths = appPaths(asar, 'linux');
    expect(paths.preload).toBe(path.join(asar, 'dist', 'preload', 'preload.cjs'));
    expect(paths.rendererDir).toBe(path.join(asar, 'renderer', 'dist'));
    expect(paths.trayIcon).toBe(path.join(asar, 'resources', 'icons', 'tray.png'));
    expect(paths.nativeSqlite).toBe(path.join('/opt', 'AIME Scheduler', 'resources', 'app.asar.unpacked', 'dist', 'native', 'better_sqlite3.node'));
    expect(appPaths('/src/aime', 'darwin').trayIcon).toBe(path.join('/src/aime', 'resources', 'icons', 'trayTemplate.png'));
    expect(unpacked('/src/aime/dist/native/x.node')).toBe('/src/aime/dist/native/x.node');
  });

  it('takes the data folder from --data-dir, then AIME_DATA_DIR', () => {
    expect(dataDirOverride(['electron', '.', '--data-dir=/tmp/a'], {})).toBe(path.resolve('/tmp/a'));
    expect(dataDirOverride(['electron', '.', '--data-dir', '/tmp/b'], { AIME_DATA_DIR: '/tmp/c' })).toBe(path.resolve('/tmp/b'));
    expect(dataDirOverride(['electron', '.'], { AIME_DATA_DIR: '/tmp/c' })).toBe(path.resolve('/tmp/c'));
    expect(dataDirOverride(['electron', '.'], {})).toBeUndefined();
  });
});

describe('Linux autostart', () => {
  it('writes an XDG entry starting the app hidden (quoted path), and removes it when turned off', () => {
    const configHome = tempDir('aime-xdg-');
    try {
      const file = applyLinuxAutostart({ enabled: true, configHome, executable: '/opt/AIME Scheduler/aime-scheduler' });
      expect(file).toBe(path.join(configHome, 'autostart', 'aime-scheduler.desktop'));
      const entry = fs.readFileSync(file, 'utf8');
      expect(entry).toContain('Exec="/opt/AIME Scheduler/aime-scheduler" --hidden\n');
      expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=AIME Scheduler\n')).toBe(true);
      expect(autostartEntry('/home/u/AIME.AppImage')).toContain('Exec=/home/u/AIME.AppImage --hidden\n');
      applyLinuxAutostart({ enabled: false, configHome, executable: 'x' });
      expect(fs.existsSync(file)).toBe(false);
      applyLinuxAutostart({ enabled: false, configHome, executable: 'x' });
    } finally {
      fs.rmSync(configHome, { recursive: true, force: true });
    }
  });
});
