/**
 * Where the app's files are, in development (`electron .` from the checkout) and packaged
 * (inside app.asar, with native files unpacked next to it).
 */
import path from 'node:path';

/** Name of the better-sqlite3 binary rebuilt for Electron by scripts/build-electron.mjs. */
export const NATIVE_SQLITE_RELATIVE = path.join('dist', 'native', 'better_sqlite3.node');

export interface AppPaths {
  preload: string;
  rendererDir: string;
  trayIcon: string;
  appIcon: string;
  /** better-sqlite3 built for this Electron (never the Node build used by `npm test`). */
  nativeSqlite: string;
}

/** Native code cannot load from inside an asar archive: electron-builder unpacks it beside. */
export function unpacked(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

/**
 * `appPath` is `app.getAppPath()`: the checkout in development, `…/resources/app.asar` when
 * packaged. The tray uses the 16 px image (`@2x` is picked up automatically on HiDPI), except
 * on macOS where the menu bar wants a template image.
 */
export function appPaths(appPath: string, platform: NodeJS.Platform): AppPaths {
  const icons = path.join(appPath, 'resources', 'icons');
  return {
    preload: path.join(appPath, 'dist', 'preload', 'preload.cjs'),
    rendererDir: path.join(appPath, 'renderer', 'dist'),
    trayIcon: path.join(icons, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    appIcon: path.join(icons, 'icon.png'),
    nativeSqlite: unpacked(path.join(appPath, NATIVE_SQLITE_RELATIVE)),
  };
}

/** `--data-dir=DIR` or `--data-dir DIR` on the command line, else AIME_DATA_DIR, else none. */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) return path.resolve(arg.slice('--data-dir='.length));
    if (arg === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1] as string);
  }
  return env.AIME_DATA_DIR ? path.resolve(env.AIME_DATA_DIR) : undefined;
}

/**
 * AIME_API_PORT: serve the REST API on this port for this run instead of the settings' api.port
 * (0: any free port; a second copy of the app for development, or a test). Anything else: none.
 */
export function apiPortOverride(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.AIME_API_PORT;
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > 65535) return undefined;
  return Number(text);
}
