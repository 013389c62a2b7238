/**
 * A fake of the `electron` module for the desktop shell's tests: plain objects that record
 * what the app asks of Electron and let a test fire Electron's events. Only Electron is faked;
 * the shell's own code and the core run for real.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { DesktopElectron } from '../../electron/main/desktop.js';
import type { SenderEvent } from '../../electron/main/ipc.js';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  /** Calls every listener; returns true when one of them called `preventDefault()`. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const evt = { preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(evt, ...args);
    return prevented;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

let nextContentsId = 100;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = { url: 'app://aime/index.html', processId: 7, routingId: this.id };
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** The event an `ipcRenderer.invoke` from this page's top frame produces in main. */
  invokeEvent(): SenderEvent {
    return { sender: { id: this.id }, senderFrame: this.mainFrame };
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  readonly loaded: string[] = [];
  visible = false;
  minimized = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  /** What the user's close button (or the OS) does: 'close', then destruction unless prevented. */
  close(): void {
    if (this.emitPreventable('close')) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class FakeTray extends FakeEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: { template: MenuItemConstructorOptions[] } | null = null;
  destroyed = false;
  constructor(readonly icon: string) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as { template: MenuItemConstructorOptions[] };
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends FakeEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeApp extends FakeEmitter {
  gotLock = true;
  locale = 'fr-CH';
  quitCount = 0;
  exited: number | null = null;
  /** True once will-quit went through without being held: the process would end here. */
  ended = false;
  loginItem: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] } = { openAtLogin: false };
  openedAsHidden = false;
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  getLocale(): string {
    return this.locale;
  }
  /** Electron's order: before-quit (windows may then close), then will-quit, which may be held. */
  quit(): void {
    this.quitCount++;
    if (this.emitPreventable('before-quit')) return;
    for (const win of FakeBrowserWindow.instances) if (!win.isDestroyed()) win.close();
    if (FakeBrowserWindow.instances.some((w) => !w.isDestroyed())) return;
    if (this.emitPreventable('will-quit')) return;
    this.ended = true;
  }
  exit(code = 0): void {
    this.exited = code;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void {
    this.loginItem = settings;
  }
  getLoginItemSettings() {
    return { openAtLogin: this.loginItem.openAtLogin, wasOpenedAsHidden: this.openedAsHidden };
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from a page produces. */
  invoke(channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler(event, ...args);
  }
}

export class FakeSession {
  headersListener:
    | ((details: { responseHeaders?: Record<string, string | string[]> }, cb: (r: { responseHeaders?: Record<string, string | string[]> }) => void) => void)
    | null = null;
  permissionRequest: ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = handler;
  }
}

export interface FakeElectron extends DesktopElectron {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  Menu: DesktopElectron['Menu'] & { applicationMenu: unknown };
  powerMonitor: FakeEmitter & DesktopElectron['powerMonitor'];
  session: { defaultSession: FakeSession };
  shell: DesktopElectron['shell'] & { opened: string[]; external: string[] };
  protocol: DesktopElectron['protocol'] & { handlers: Map<string, (request: { url: string }) => Promise<Response>> };
  dialog: { showErrorBox(title: string, content: string): void; errors: string[] };
}

/** A fresh fake module; class-level instance lists are reset so tests never see each other's windows. */
export function createFakeElectron(): FakeElectron {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  const opened: string[] = [];
  const external: string[] = [];
  const handlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const errors: string[] = [];
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: {
      applicationMenu: undefined as unknown,
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu(menu: unknown) {
        this.applicationMenu = menu;
      },
    },
    Notification: FakeNotification,
    shell: {
      opened,
      external,
      openPath: async (p: string) => {
        opened.push(p);
        return '';
      },
      openExternal: async (url: string) => {
        external.push(url);
      },
    },
    powerMonitor: new FakeEmitter(),
    ipcMain: new FakeIpcMain(),
    protocol: { handlers, handle: (scheme, handler) => void handlers.set(scheme, handler) },
    session: { defaultSession: new FakeSession() },
    dialog: { errors, showErrorBox: (title: string, content: string) => void errors.push(`${title}: ${content}`) },
  };
}

/** Finds a menu item by id, in submenus too. */
export function menuItem(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const item of template) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      const found = item.submenu.find((sub) => sub.id === id);
      if (found) return found;
    }
  }
  throw new Error(`no menu item ${id} in ${JSON.stringify(template.map((i) => i.id ?? i.type))}`);
}

/** Clicks a menu item as Electron would (the arguments are not used by the app). */
export function click(item: MenuItemConstructorOptions): void {
  (item.click as (() => void) | undefined)?.();
}
