/**
 * A plain-JS stand-in for the `electron` module, loaded instead of the real one when the built
 * main bundle runs in Node (see bundle.test.ts). It prints one `FAKE …` line per call the
 * test asserts on. Only Electron is faked; everything else in the bundle runs for real.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: bundled libraries require('electron') */
const { EventEmitter } = require('node:events');
const os = require('node:os');
const path = require('node:path');

const say = (...parts) => console.log(['FAKE', ...parts].join(' '));
const paths = { userData: path.join(os.tmpdir(), 'aime-fake-userdata-never-used'), home: os.homedir() };
const preventable = () => ({ prevented: false, preventDefault() { this.prevented = true; } });

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getVersion: () => '0.0.0-test',
  getName: () => 'AIME Scheduler',
  getLocale: () => 'en-US',
  getAppPath: () => process.env.AIME_TEST_APP_PATH,
  getPath: (name) => paths[name],
  setPath: (name, value) => { paths[name] = value; say('setPath', name, value); },
  setAppUserModelId: () => {},
  requestSingleInstanceLock: () => { say('single-instance-lock'); return true; },
  whenReady: () => Promise.resolve(),
  setLoginItemSettings: (settings) => say('login-item', JSON.stringify(settings)),
  getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAsHidden: false }),
  quit() {
    say('quit');
    this.emit('before-quit', preventable());
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (!willQuit.prevented) { say('ended'); process.exit(0); }
  },
  exit(code) { say('exit', code); process.exit(code); },
});

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    say('window', JSON.stringify(options.webPreferences));
    this.webContents = Object.assign(new EventEmitter(), {
      id: 1,
      mainFrame: { url: 'app://aime/index.html', processId: 1, routingId: 1 },
      isDestroyed: () => false,
      send: (channel, event) => say('send', channel, event.type),
      setWindowOpenHandler: () => {},
    });
  }
  show() {} hide() {} focus() {} restore() {}
  isMinimized() { return false; } isVisible() { return true; } isDestroyed() { return false; }
  loadURL(url) { say('loadURL', url); return Promise.resolve(); }
}

class Tray extends EventEmitter {
  constructor(icon) { super(); say('tray', icon); }
  setToolTip(text) { say('tooltip', text); }
  setContextMenu() {}
  destroy() {}
}

class Notification extends EventEmitter {
  static isSupported() { return true; }
  constructor(options) { super(); say('notification', options.title); }
  show() {}
}

const Menu = { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => say('app-menu', JSON.stringify(menu)) };
const shell = { openPath: async (p) => { say('openPath', p); return ''; }, openExternal: async () => {} };
const powerMonitor = new EventEmitter();
// electron-log's main module listens on its own channel at load time.
const ipcMain = { on: () => {}, handle: () => {}, removeHandler: () => {} };
const protocol = {
  registerSchemesAsPrivileged: (schemes) => say('schemes', JSON.stringify(schemes)),
  handle: (scheme) => say('protocol', scheme),
};
const session = {
  defaultSession: { webRequest: { onHeadersReceived: () => say('csp') }, setPermissionRequestHandler() {}, setPermissionCheckHandler() {} },
};
const dialog = { showErrorBox: (title, content) => say('error-box', title, content) };
const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${text}`),
  decryptString: (buffer) => buffer.toString().slice('sealed:'.length),
};

// Shorthand properties only, so Node's ESM loader sees them as named exports.
module.exports = { app, BrowserWindow, Tray, Notification, Menu, shell, powerMonitor, ipcMain, protocol, session, dialog, safeStorage };
