/**
 * The desktop app assembled from its parts, once Electron is ready. Everything Electron is
 * passed in (`DesktopElectron`), so the whole start-up runs in tests with a fake electron
 * module and a real core on a temporary folder. main.ts only does what must happen before
 * `ready` (privileged scheme, single-instance lock, data folder) and then calls this.
 */
import type { AimeEvent, GeneratedFiles, SchedulerStatus } from '../../shared/api.js';
import type { Core } from '../core/app.js';
import { latestFiles } from '../core/output/index.js';
import type { Host } from '../core/host.js';
import type { Logger } from '../core/types.js';
import { installApplicationMenu, type MenuPort } from './app-menu.js';
import { serveRenderer, type ProtocolPort } from './app-protocol.js';
import { forwardEvents, registerIpcHandlers, trustedSender, type IpcMainPort } from './ipc.js';
import { createQuitGuard, type AppLifecyclePort, type QuitGuard, type ShutdownPort } from './lifecycle.js';
import { applyLinuxAutostart, applyStartAtLogin, shouldStartHidden, type LoginItemPort } from './login-item.js';
import { createRunNotifier, type NotificationDeps } from './notifications.js';
import { watchWakeUps, type PowerMonitorPort } from './power.js';
import { APP_ENTRY_URL, contentSecurityPolicy, isSameOrigin, secureSession, type SessionPort, type ShellPort } from './security.js';
import { createTray, trayActions, type Lang, type TrayController, type TrayDeps } from './tray.js';
import { createWindowManager, type WindowConstructor, type WindowManager } from './window.js';

/** The pieces of the `electron` module the app uses. main.ts passes the real module. */
export interface DesktopElectron {
  app: AppLifecyclePort & LoginItemPort & { getLocale(): string };
  BrowserWindow: WindowConstructor;
  Tray: TrayDeps['Tray'];
  Menu: TrayDeps['Menu'] & MenuPort;
  Notification: NotificationDeps['Notification'];
  shell: ShellPort;
  powerMonitor: PowerMonitorPort & ShutdownPort;
  ipcMain: IpcMainPort;
  protocol: Pick<ProtocolPort, 'handle'>;
  session: { defaultSession: SessionPort };
  dialog: { showErrorBox(title: string, content: string): void };
}

/** What the desktop shell needs from the engine (a `Core` from `createCore`). */
export type DesktopCore = Pick<Core, 'api' | 'checkNow'> & {
  settings: Pick<Core['settings'], 'get' | 'update' | 'onChange'>;
};

/** What the desktop shell needs from the host (`createHost`: core, scheduler, REST API). */
export type DesktopHost = Pick<Host, 'start' | 'close' | 'apiState' | 'onApiState'> & { core: DesktopCore };

export interface DesktopOptions {
  electron: DesktopElectron;
  argv: readonly string[];
  log: Logger;
  host: DesktopHost;
  paths: { preload: string; rendererDir: string; trayIcon: string; appIcon?: string };
  /** Vite's dev server (`npm run dev`-style work on the renderer); default: the built renderer. */
  devServerUrl?: string;
  /** True when the settings file did not exist before this start: the window opens. */
  firstRun: boolean;
  /** False in development: dev tools, a View menu. Default true (the secure choice). */
  packaged?: boolean;
  platform?: NodeJS.Platform;
  /** Linux only (Electron has no login items there): where the XDG autostart entry goes. */
  linuxAutostart?: { configHome: string; executable: string };
}

export interface Desktop {
  windows: WindowManager;
  tray: TrayController;
  quitGuard: QuitGuard;
  /** Re-reads the core's status into the tray (also done on every run and config event). */
  refreshTray(): Promise<void>;
}

export function pickLang(locale: string): Lang {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const NOTICE = {
  fr: {
    title: 'AIME Scheduler continue en arrière-plan',
    body: 'Les exports planifiés continuent. Rouvrez la fenêtre ou quittez depuis l’icône de la barre d’état.',
  },
  en: {
    title: 'AIME Scheduler keeps running',
    body: 'Scheduled exports go on. Reopen the window or quit from the tray icon.',
  },
} as const;

/**
 * Starts the shell around a created core. Resolves to null when the engine cannot start (for
 * example another process holds the data folder): the user was told in a dialog and the app
 * is quitting.
 */
function updateLoginItem(
  app: Pick<LoginItemPort, 'setLoginItemSettings'>,
  enabled: boolean,
  linux: DesktopOptions['linuxAutostart'],
  log: Logger,
): void {
  try {
    if (linux) applyLinuxAutostart({ enabled, ...linux });
    else applyStartAtLogin(app, enabled);
  } catch (error) {
    log.warn(`Could not update the start-at-login entry: ${String(error)}`);
  }
}

export async function startDesktop(options: DesktopOptions): Promise<Desktop | null> {
  const { electron, host, log } = options;
  const { core } = host;
  const { app } = electron;
  const lang = pickLang(app.getLocale());
  const url = options.devServerUrl ?? APP_ENTRY_URL;
  const csp = contentSecurityPolicy(options.devServerUrl);

  const packaged = options.packaged ?? true;
  installApplicationMenu(electron.Menu, options.platform ?? process.platform, packaged);
  secureSession(electron.session.defaultSession, csp);
  serveRenderer(electron.protocol, options.paths.rendererDir, csp);

  const quitGuard = createQuitGuard(app, { closeCore: () => host.close(), log }, electron.powerMonitor);
  const notify = (title: string, body: string) => {
    if (electron.Notification.isSupported()) new electron.Notification({ title, body }).show();
  };

  const windows = createWindowManager({
    BrowserWindow: electron.BrowserWindow,
    shell: electron.shell,
    preloadPath: options.paths.preload,
    url,
    icon: options.paths.appIcon,
    devTools: !packaged,
    log,
    isQuitting: quitGuard.isQuitting,
    onSessionEnd: quitGuard.quit,
    onHiddenToTray: () => {
      if (core.settings.get().desktop.close_to_tray_notice_shown) return;
      notify(NOTICE[lang].title, NOTICE[lang].body);
      core.settings.update((draft) => void (draft.desktop.close_to_tray_notice_shown = true));
    },
  });
  app.on('second-instance', () => windows.show());
  app.on('activate', () => windows.show());

  registerIpcHandlers({ ipcMain: electron.ipcMain, api: core.api, isTrusted: trustedSender(windows.get, (u) => isSameOrigin(u, url)), log });
  forwardEvents(core.api, windows.get);

  const actions = trayActions(core.api, {
    openSettings: () => windows.show(),
    quit: quitGuard.quit,
    log,
    report: (message) => notify('AIME Scheduler', message),
  });
  const tray = createTray({
    Tray: electron.Tray,
    Menu: electron.Menu,
    iconPath: options.paths.trayIcon,
    actions,
    lang,
    onClick: () => windows.show(),
  });
  // Events can come in bursts: only the answer to the latest request updates the tray, so an
  // older status never overwrites a newer one.
  let requested = 0;
  const refreshTray = (): Promise<void> => {
    const ticket = ++requested;
    return Promise.all([core.api.status(), core.api.listFiles()]).then(
      ([status, files]: [SchedulerStatus, GeneratedFiles]) => {
        // Once quitting, the menu is going away: a late answer must not rebuild it.
        if (ticket === requested && !quitGuard.isQuitting()) tray.update(status, latestFiles(files));
      },
      (error: unknown) => log.warn(`Tray status refresh failed: ${String(error)}`),
    );
  };
  core.api.subscribe((event: AimeEvent) => {
    if (event.type === 'run-started' || event.type === 'run-finished' || event.type === 'config-changed' || event.type === 'files-changed') {
      void refreshTray();
    }
    if (event.type === 'import-progress') tray.setImport(event.import);
  });
  core.api.subscribe(
    createRunNotifier({
      Notification: electron.Notification,
      openPath: (file) => electron.shell.openPath(file),
      showWindow: () => windows.show(),
      preferences: () => core.settings.get().desktop,
      lang,
      log,
    }),
  );

  watchWakeUps(electron.powerMonitor, () => core.checkNow(), log);

  // In development the executable is the bare Electron binary: registering it would start an
  // empty Electron at login. Only the packaged app registers itself. Followed from every door.
  if (packaged) {
    updateLoginItem(app, core.settings.get().desktop.start_at_login, options.linuxAutostart, log);
    core.settings.onChange((settings, previous) => {
      if (settings.desktop.start_at_login !== previous.desktop.start_at_login) {
        updateLoginItem(app, settings.desktop.start_at_login, options.linuxAutostart, log);
      }
    });
  }
  host.onApiState((state) => tray.setApi(state));

  try {
    await host.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`The scheduler could not start: ${message}`);
    electron.dialog.showErrorBox('AIME Scheduler', message);
    quitGuard.quit();
    return null;
  }
  await refreshTray();

  let loginItem: { wasOpenedAsHidden?: boolean } | null = null;
  try {
    loginItem = app.getLoginItemSettings();
  } catch {
    loginItem = null;
  }
  if (!shouldStartHidden(options.argv, loginItem, options.firstRun)) windows.show();
  log.info(`AIME Scheduler desktop started${windows.get() ? '' : ' in the tray'}`);

  return { windows, tray, quitGuard, refreshTray };
}
