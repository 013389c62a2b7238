/**
 * Helpers of the Playwright-Electron test (app.e2e.ts). That test needs Electron's binary and
 * cannot run everywhere; these helpers are plain Node and unit-tested in helpers.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OutputKind } from '../../shared/tasks.js';

const EXPORT_NAME: Record<OutputKind, RegExp> = {
  haiku: /^generate-haiku-\d{8}-\d{6}(-\d+)?\.md$/,
  markdown: /^export-markdown-\d{8}-\d{6}(-\d+)?\.md$/,
  json: /^export-json-\d{8}-\d{6}(-\d+)?\.json$/,
};

/** The finished export files of one kind in `dir`, sorted (temporaries and other files ignored). */
export function exportFiles(dir: string, kind: OutputKind): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => EXPORT_NAME[kind].test(name))
    .sort();
}

export interface Waiting {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realWaiting: Waiting = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Polls `probe` until it returns a truthy value, or throws naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => T | Promise<T>, ms = 30_000, waiting: Waiting = realWaiting): Promise<NonNullable<T>> {
  const end = waiting.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (waiting.now() >= end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await waiting.sleep(200);
  }
}

/** The folders of one test run, all inside `temp`: the app must never touch the user's own. */
export function appFolders(temp: string) {
  return { dataDir: path.join(temp, 'data'), outputDir: path.join(temp, 'output'), homeDir: path.join(temp, 'home') };
}

/**
 * The app's environment: the E2E hook on (electron/main/main.ts exposes the tray menu and the
 * engine to the test), a temporary data folder and home (the default output folder lives under
 * ~/Documents), and none of the developer's own AIME_* settings.
 */
export function appEnv(base: NodeJS.ProcessEnv, temp: string): Record<string, string> {
  const { dataDir, homeDir } = appFolders(temp);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined && !key.startsWith('AIME_')) env[key] = value;
  return { ...env, AIME_E2E: '1', AIME_DATA_DIR: dataDir, HOME: homeDir, USERPROFILE: homeDir, XDG_CONFIG_HOME: path.join(homeDir, '.config') };
}

/** The accessible name of a task's "Run now" button, in English or French (RunNow.tsx). */
export function runNowButtonName(taskLabel: RegExp): RegExp {
  return new RegExp(`^(Run now|Exécuter maintenant) — .*${taskLabel.source}`);
}
