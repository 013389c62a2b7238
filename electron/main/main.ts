/**
 * Electron entry point (bundled to dist/main/main.js). Only what must happen in this order
 * lives here: the privileged scheme and the data folder before `ready`, the single-instance
 * lock before any data is opened, then the core and the desktop shell (desktop.ts).
 */
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import electronLog from 'electron-log/main.js';
import ElectronStore from 'electron-store';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type CoreOptions } from '../core/app.js';
import { safeStorageSealer } from '../core/secrets.js';
import { createHost } from '../core/host.js';
import { SETTINGS_FILE_NAME, type SettingsBackend } from '../core/settings/backend.js';
import { defaultDataDir } from '../core/settings/paths.js';
import { registerAppScheme } from './app-protocol.js';
import { startDesktop } from './desktop.js';
import { electronIpcMain } from './ipc.js';
import { claimSingleInstance } from './lifecycle.js';
import { configureElectronLog } from '../core/log.js';
import { apiPortOverride, appPaths, dataDirOverride } from './paths.js';
import { desktopSettingsBackend } from './settings-backend.js';

async function main(): Promise<void> {
  // The same folder as the CLI's default (not Electron's, which follows package.json's name in
  // development), so `npm start`, the packaged app and `aime` share one collection.
  app.setPath('userData', dataDirOverride(process.argv, process.env) ?? defaultDataDir());
  registerAppScheme(protocol);
  if (!claimSingleInstance(app)) return;
  app.setAppUserModelId('ch.aime.scheduler');

  await app.whenReady();
  const dataDir = app.getPath('userData');
  const log = configureElectronLog(electronLog, {
    dir: path.join(dataDir, 'logs'),
    echo: !app.isPackaged,
  });
  electronLog.errorHandler.startCatching({ showDialog: false });

  const paths = appPaths(app.getAppPath(), process.platform);
  const hasNativeSqlite = fs.existsSync(paths.nativeSqlite);
  if (!hasNativeSqlite) {
    log.error(`${paths.nativeSqlite} is missing: run \`npm run build:electron\` (better-sqlite3 built for Electron)`);
  }
  const firstRun = !fs.existsSync(path.join(dataDir, `${SETTINGS_FILE_NAME}.json`));
  const coreOptions: CoreOptions = {
    dataDir,
    log,
    openPath: async (dir) => (await shell.openPath(dir)) === '',
    // "Choose a file…" in the Sources section and the Import form: the OS's own dialog.
    pickFile: async () => {
      const answer = await dialog.showOpenDialog({
        properties: ['openFile'],
        filters: [{ name: 'AIME musique.db, Discogs CSV, JSON', extensions: ['db', 'sqlite', 'sqlite3', 'csv', 'json'] }],
      });
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    settingsBackend: desktopSettingsBackend({
      open: (options) => new ElectronStore<Record<string, unknown>>(options) as SettingsBackend,
      dataDir,
      name: SETTINGS_FILE_NAME,
      safeStorage,
      log: log.child('settings'),
    }),
    // better-sqlite3 rebuilt for Electron's ABI (scripts/build-electron.mjs); see README.
    nativeBinding: hasNativeSqlite ? paths.nativeSqlite : undefined,
    // The Discogs token is sealed like the EurIA key.
    secretSealer: safeStorageSealer(safeStorage),
  };
  let core: Awaited<ReturnType<typeof createCore>>;
  try {
    core = await createCore(coreOptions);
  } catch (error) {
    // e.g. the database cannot be opened: say it plainly, there is no window to show it in.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`The engine could not open ${dataDir}: ${message}`);
    dialog.showErrorBox('AIME Scheduler', `The data folder ${dataDir} could not be opened:\n${message}`);
    app.exit(1);
    return;
  }

  // The desktop app serves the seed's REST API and the settings page too (api.enabled, api.port).
  const host = createHost({
    core,
    staticDir: paths.rendererDir,
    port: apiPortOverride(process.env),
    // Best effort, to say what holds a taken port: the app's usual data folder.
    otherDataDirs: [defaultDataDir()].filter((dir) => path.resolve(dir) !== path.resolve(dataDir)),
  });
  const desktop = await startDesktop({
    electron: {
      app,
      BrowserWindow,
      Tray,
      Menu,
      Notification,
      shell,
      powerMonitor,
      ipcMain: await electronIpcMain(),
      protocol,
      session,
      dialog,
    },
    argv: process.argv,
    log: log.child('aime.desktop'),
    host,
    paths,
    devServerUrl: app.isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL,
    firstRun,
    packaged: app.isPackaged,
    linuxAutostart:
      process.platform === 'linux'
        ? {
            configHome: process.env.XDG_CONFIG_HOME || path.join(app.getPath('home'), '.config'),
            executable: process.env.APPIMAGE || process.execPath,
          }
        : undefined,
  });

  if (!desktop) return;
  // The Playwright test of the real app (test/electron-app/app.e2e.ts) reads the tray menu and the engine through this.
  if (process.env.AIME_E2E === '1') {
    (globalThis as Record<string, unknown>).__aimeE2E = {
      trayMenu: () => desktop.tray.template(),
      api: core.api,
      dataDir,
    };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
