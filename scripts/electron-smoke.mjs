#!/usr/bin/env node
/**
 * `npm run test:electron`: launches the real desktop app with Playwright's Electron driver on a
 * temporary data folder, checks that the window shows the three tasks, runs the JSON export
 * from the tray menu and waits for its file. Not part of `npm test`: it needs Electron's
 * binary, which `npm install` downloads on a desktop but which cannot be fetched everywhere.
 * Without the binary it stops at once with a clear message instead of trying to download it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 120_000;

function fail(message) {
  console.error(`test:electron: ${message}`);
  process.exit(1);
}

/**
 * Where `require('electron')` would point, found without running node_modules/electron/index.js
 * (which starts a download when the binary is missing, and would hang offline).
 */
function electronExecutable() {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) return { problem: 'node_modules/electron is missing (run npm install)' };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return { problem: `${path.relative(ROOT, pathFile)} does not exist` };
  const executable = path.join(distDir, fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { problem: `${executable} does not exist` };
  return { executable };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

async function until(what, probe, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const found = electronExecutable();
if (!found.executable) {
  fail(
    `Electron is not installed (its binary could not be downloaded): ${found.problem}.\n` +
      'On a desktop with network access, run `npx install-electron` (or delete node_modules/electron and ' +
      '`npm install`), then `npm run test:electron` again. `npm test` does not need Electron.',
  );
}

// Build what the app runs: renderer, main + preload, better-sqlite3 for Electron.
run('npm', ['run', 'build:renderer']);
run(process.execPath, [path.join('scripts', 'build-electron.mjs'), '--native']);

const { _electron } = await import('playwright-core');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-electron-smoke-'));
const dataDir = path.join(temp, 'data');
const outputDir = path.join(temp, 'output');
const homeDir = path.join(temp, 'home');
fs.mkdirSync(homeDir);
const watchdog = setTimeout(() => fail(`no result after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
let app;
try {
  app = await _electron.launch({
    executablePath: found.executable,
    args: [ROOT, `--data-dir=${dataDir}`],
    // A temporary home too: the default output folder (~/Documents/AIME/…) must not be the user's.
    env: { ...process.env, AIME_E2E: '1', AIME_DATA_DIR: dataDir, HOME: homeDir, USERPROFILE: homeDir },
    timeout: 60_000,
  });
  const window = await app.firstWindow();
  // The task labels of shared/tasks.ts, in French or English depending on the system locale.
  for (const label of [/Ha[iï]kus/, /Markdown/, /JSON/]) {
    await window.getByText(label).first().waitFor({ state: 'visible', timeout: 30_000 });
  }
  console.log('✓ the window shows the task list');

  await app.evaluate(async (_electron, out) => {
    const hook = globalThis.__aimeE2E;
    await hook.api.setOutputDir(out);
    const runNow = hook.trayMenu().find((item) => item.id === 'run-now');
    runNow.submenu.find((item) => item.id === 'run:export_collection_json').click();
  }, outputDir);
  const file = await until('the JSON export written by the tray run', () =>
    fs.existsSync(outputDir) ? fs.readdirSync(outputDir).find((name) => /^export-json-\d{8}-\d{6}(-\d+)?\.json$/.test(name)) : null,
  );
  JSON.parse(fs.readFileSync(path.join(outputDir, file), 'utf8'));
  console.log(`✓ tray run-now wrote ${file}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  clearTimeout(watchdog);
  await app?.close().catch(() => undefined);
  fs.rmSync(temp, { recursive: true, force: true });
}
console.log('test:electron passed');
