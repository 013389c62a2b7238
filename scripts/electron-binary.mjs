/**
 * Is Electron's binary installed? Found without running node_modules/electron/index.js, which
 * starts a download when the binary is missing (and hangs offline). Used by `npm start` /
 * `npm run dist` (scripts/check-electron.mjs) and `npm run test:electron`.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root the checkout
 * @param {Record<string, string | undefined>} env
 * @returns {{ executable: string } | { problem: string }}
 */
export function electronExecutable(root, env = process.env) {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) return { problem: 'node_modules/electron is missing' };
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return { problem: 'node_modules/electron/path.txt is missing: its download did not finish' };
  const executable = path.join(distDir, fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { problem: `${executable} does not exist` };
  return { executable };
}

/** Node versions that build the desktop app: Electron 45's tooling (@electron/get, @electron/rebuild) wants 22.12+. */
export const DESKTOP_NODE = '22.12.0';

/** @param {string} version e.g. process.versions.node */
export function nodeBuildsDesktop(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

/**
 * The one paragraph `npm start` prints when the desktop app cannot start here.
 * @param {{ problem?: string, nodeVersion?: string }} why
 */
export function cannotStartMessage({ problem, nodeVersion }) {
  const reasons = [];
  if (problem) {
    reasons.push(
      `Electron's binary is not installed (${problem}). npm install downloads it from GitHub; ` +
        'that download failed or was blocked here (offline, a proxy, or ELECTRON_SKIP_BINARY_DOWNLOAD)',
    );
  }
  if (nodeVersion) reasons.push(`this is Node ${nodeVersion}, and the desktop build needs Node ${DESKTOP_NODE} or newer`);
  return (
    `The desktop app cannot start: ${reasons.join('; and ')}. ` +
    'To get it, on a machine with network access run `npx install-electron` (or delete node_modules/electron and run ' +
    '`npm install`), then `npm start` again. Meanwhile `npm run serve` runs the same engine, scheduler and settings ' +
    'page headless on http://127.0.0.1:8000, and `npx aime` drives it from the command line; neither needs Electron.'
  );
}
