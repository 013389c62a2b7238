/**
 * `npm run test:electron`: the real desktop app under Playwright's Electron driver, on a
 * temporary data folder and home. It checks that
 *   1. the window opens and shows the three tasks;
 *   2. a setting changed from the window travels over IPC (preload bridge → main → settings file);
 *   3. the window's "Run now" writes the JSON export;
 *   4. closing the window keeps the app in the tray with its scheduler running: it still holds
 *      the data folder, its timers are on, and a tray run writes a file with no window shown.
 * It needs Electron's binary, so it is not part of `npm test` (CI runs it on Linux under xvfb,
 * macOS and Windows: .github/workflows/desktop.yml). It is type-checked and linted with the
 * rest; its helpers are unit-tested in helpers.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import type { AimeApi } from '../../shared/contract.js';
import { readLockHolder } from '../../electron/core/schedule/data-lock.js';
import { electronExecutable } from '../../scripts/electron-binary.mjs';
import { appEnv, appFolders, exportFiles, runNowButtonName, until } from './helpers.js';
import type { AimeBridge } from '../../electron/preload/preload.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIMEOUT_MS = 180_000;

/** What electron/main/main.ts exposes on globalThis when AIME_E2E=1. */
interface E2EHook {
  api: AimeApi;
  dataDir: string;
  trayMenu(): Array<{ id?: string; submenu?: Array<{ id?: string; click?: () => void }> }>;
}

/** The window's preload bridge (window.aime), as code evaluated in the page sees it. */
type PageGlobal = { aime: AimeBridge };

function fail(message: string): never {
  console.error(`test:electron: ${message}`);
  process.exit(1);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const hook = (app: ElectronApplication) => ({
  config: () => app.evaluate(() => (globalThis as unknown as { __aimeE2E: E2EHook }).__aimeE2E.api.getConfig()),
  status: () => app.evaluate(() => (globalThis as unknown as { __aimeE2E: E2EHook }).__aimeE2E.api.status()),
  trayRun: (task: string) =>
    app.evaluate((_electron, id) => {
      const menu = (globalThis as unknown as { __aimeE2E: E2EHook }).__aimeE2E.trayMenu();
      const item = menu.find((entry) => entry.id === 'run-now')?.submenu?.find((entry) => entry.id === `run:${id}`);
      if (!item?.click) throw new Error(`no tray item run:${id}`);
      item.click();
    }, task),
  windowsVisible: () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())),
  closeWindows: () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.close())),
});

async function main(): Promise<void> {
  const found = electronExecutable(ROOT);
  if ('problem' in found) {
    fail(`Electron is not installed: ${found.problem}. Run \`npx install-electron\` where the network allows it; \`npm test\` does not need Electron.`);
  }
  // Build what the app runs: renderer, main + preload, better-sqlite3 for Electron's ABI.
  run('npm', ['run', 'build:renderer']);
  run(process.execPath, [path.join('scripts', 'build-electron.mjs'), '--native']);

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-electron-app-'));
  const { dataDir, outputDir, homeDir } = appFolders(temp);
  fs.mkdirSync(homeDir, { recursive: true });
  const watchdog = setTimeout(() => fail(`no result after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({
      executablePath: found.executable,
      args: [ROOT, `--data-dir=${dataDir}`, '--lang=en-US'],
      env: appEnv(process.env, temp),
      timeout: 60_000,
    });
    const aime = hook(app);

    // 1. The window opens with the three tasks.
    const page = await app.firstWindow();
    for (const label of [/Ha[iï]kus/, /Markdown/, /JSON/]) await page.getByText(label).first().waitFor({ state: 'visible', timeout: 30_000 });
    console.log('✓ the window opens and shows the three tasks');

    // 2. A setting changed from the window, over IPC, reaches the engine and the settings file.
    // Functions given to evaluate() run in the page: they can use nothing from this module.
    await page.evaluate(() => (globalThis as unknown as PageGlobal).aime.setMaxFilesPerType(7));
    assert.equal((await aime.config()).max_files_per_type, 7);
    const settings = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { max_files_per_type: number };
    assert.equal(settings.max_files_per_type, 7);
    console.log('✓ max_files_per_type changed over IPC (engine and settings.json)');

    // 3. "Run now" in the window writes the JSON export.
    await page.evaluate((dir) => (globalThis as unknown as PageGlobal).aime.setOutputDir(dir), outputDir);
    // An empty collection's exports are skipped: load the demo so there is something to write.
    await page.evaluate(() => (globalThis as unknown as PageGlobal).aime.importCollection({ demo: true }));
    await page.getByRole('button', { name: runNowButtonName(/JSON/) }).click();
    const written = await until('the JSON export written by Run now', () => exportFiles(outputDir, 'json')[0]);
    JSON.parse(fs.readFileSync(path.join(outputDir, written), 'utf8'));
    console.log(`✓ Run now wrote ${written}`);

    // 4. Closing the window hides it to the tray; the scheduler keeps running.
    await aime.closeWindows();
    await until('the window hidden to the tray', async () => (await aime.windowsVisible()).every((visible) => !visible));
    const holder = readLockHolder(dataDir);
    assert.equal(holder?.program, 'app', 'the app still holds the data folder');
    assert.equal((await aime.status()).running, true, 'the timers are still on');
    await aime.trayRun('export_collection_markdown');
    const markdown = await until('the Markdown export run from the tray with the window closed', () => exportFiles(outputDir, 'markdown')[0]);
    console.log(`✓ after closing the window the app stays in the tray, scheduler running; a tray run wrote ${markdown}`);
  } finally {
    clearTimeout(watchdog);
    await app?.close().catch(() => undefined);
    fs.rmSync(temp, { recursive: true, force: true });
  }
  console.log('test:electron passed');
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
