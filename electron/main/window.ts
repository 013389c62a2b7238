/**
 * The settings window: created on demand with the secure preferences, shown again (never
 * duplicated) when asked, hidden to the tray when closed unless the app is really quitting.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/types.js';
import type { WindowTarget } from './ipc.js';
import { hardenWebContents, secureWebPreferences, type HardenableContents, type PreventableEvent, type ShellPort } from './security.js';

/** The parts of a BrowserWindow used by the app (the real class satisfies it; tests pass a fake). */
export interface WindowPort extends WindowTarget {
  webContents: WindowTarget['webContents'] & HardenableContents;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'ready-to-show' | 'session-end', listener: () => void): unknown;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isVisible(): boolean;
  loadURL(url: string): Promise<void>;
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowPort;

export interface WindowManagerOptions {
  BrowserWindow: WindowConstructor;
  shell: Pick<ShellPort, 'openExternal'>;
  preloadPath: string;
  /** app://aime/index.html, or the Vite dev server's URL. */
  url: string;
  icon?: string;
  log: Logger;
  /** True once the user chose Quit (tray, app menu, OS shutdown): closing then really closes. */
  isQuitting: () => boolean;
  /** Called each time the window is hidden to the tray (the first time shows a notice). */
  onHiddenToTray: () => void;
  /** Windows is logging off or shutting down: quit for real instead of hiding. */
  onSessionEnd: () => void;
  /** Development only. */
  devTools?: boolean;
}

export interface WindowManager {
  /** The window if it exists and is alive. */
  get(): WindowPort | null;
  /** Creates the window if needed, restores it if minimised, shows and focuses it. */
  show(): WindowPort;
}

export function windowOptions(preloadPath: string, icon?: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'AIME Scheduler',
    backgroundColor: '#1e1e1e',
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

export function createWindowManager(options: WindowManagerOptions): WindowManager {
  let win: WindowPort | null = null;

  const create = (): WindowPort => {
    const created = new options.BrowserWindow(windowOptions(options.preloadPath, options.icon, options.devTools));
    hardenWebContents(created.webContents, { appUrl: options.url, shell: options.shell, log: options.log });
    created.on('close', (event) => {
      if (options.isQuitting()) return;
      // Closing the window is not quitting: the scheduler keeps running in the tray.
      event.preventDefault();
      created.hide();
      options.onHiddenToTray();
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    created.on('session-end', () => options.onSessionEnd());
    created.on('ready-to-show', () => created.show());
    created.loadURL(options.url).catch((error: unknown) => {
      options.log.error(`Could not load the window ${options.url}: ${String(error)}`);
    });
    return created;
  };

  return {
    get: () => (win && !win.isDestroyed() ? win : null),
    show: () => {
      if (!win || win.isDestroyed()) {
        win = create();
        return win;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return win;
    },
  };
}
