/**
 * The browser tests' set-up: the real window built by Vite, served by the real `aime serve`
 * stack (createCore + startApiServer) on a temporary data folder, opened in Debian's Chromium.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { PREFIX, serve, type Served } from '../support/served-core.js';
import { tempDir } from '../support/temp-dir.js';

export { PREFIX, type Served } from '../support/served-core.js';

/**
 * A test's end: closes its window and what it started (the engine, a fake server), then fails
 * if the window logged an error or a request failed.
 */
export async function closeWindowChecked(win: OpenWindow | undefined, ...started: Array<{ close(): Promise<unknown> } | undefined>): Promise<void> {
  const problems = win?.problems ?? [];
  await win?.context.close();
  for (const part of started) await part?.close();
  expect(problems).toEqual([]);
}

/** What a browser test file shares: Chromium and the window built once, in a scratch folder. */
export interface BuiltWindow {
  readonly browser: Browser;
  /** The built window, for `serve({ staticDir })`. */
  readonly staticDir: string;
  /** The scratch folder (removed after the file's tests), for files a test writes. */
  readonly buildRoot: string;
  /** Where a screenshot goes (screenshotPath). */
  shot(name: string): string;
}

/** Launches Chromium and builds the window before the file's tests; closes and removes them after. */
export function useBuiltWindow(): BuiltWindow {
  const state = { browser: undefined as unknown as Browser, staticDir: '', buildRoot: '' };
  beforeAll(async () => {
    state.buildRoot = tempDir();
    // Chromium first: when it is missing the suite fails at once with the install hint.
    state.browser = await launchChromium();
    state.staticDir = await buildWindow(path.join(state.buildRoot, 'dist'));
  }, 120_000);
  afterAll(async () => {
    await (state.browser as Browser | undefined)?.close();
    if (state.buildRoot) fs.rmSync(state.buildRoot, { recursive: true, force: true });
  });
  return {
    get browser() {
      return state.browser;
    },
    get staticDir() {
      return state.staticDir;
    },
    get buildRoot() {
      return state.buildRoot;
    },
    shot: (name) => screenshotPath(name, state.buildRoot),
  };
}

/**
 * Where a screenshot goes: docs/ when asked (AIME_UPDATE_SCREENSHOTS=1), else `scratch`, so that
 * `npm test` never rewrites tracked files (the screenshot is still taken).
 */
export function screenshotPath(name: string, scratch: string): string {
  const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
  return path.join(process.env.AIME_UPDATE_SCREENSHOTS === '1' ? docs : scratch, name);
}

export const CHROMIUM = process.env.AIME_CHROMIUM ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Builds renderer/ with the project's vite.config.ts into `outDir` (not renderer/dist). */
export async function buildWindow(outDir: string): Promise<string> {
  await build({
    configFile: path.join(REPO, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html in ${outDir}`);
  return outDir;
}

/**
 * Chromium, or a clear failure (never a hang) when it is missing: CI installs it with
 * `apt-get install -y chromium`.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it (Debian: apt-get install -y chromium; ` +
        'or set AIME_CHROMIUM to its path)',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A real engine on a fresh temporary folder, serving the built window (if given) at `/`. */
export function serveWindow(staticDir?: string): Promise<Served> {
  return serve({ staticDir });
}

/** JSON from the API with a plain request, as `curl` would send it (with the owner's token when given). */
export async function api<T = unknown>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const owner: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(base + PREFIX + route, {
    method,
    headers: body === undefined ? owner : { 'Content-Type': 'application/json', ...owner },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface OpenWindow {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

/**
 * Opens the window in a fresh context with the given locale, collecting every problem. `url` is
 * the one-time link `aime serve` prints (`server.ownerUrl()`): the page trades it for the owner's
 * cookie, as a person's browser does, and lands on the window.
 */
export async function openWindow(
  browser: Browser,
  url: string,
  locale: string,
  viewport = { width: 1000, height: 800 },
  /** Runs before the page loads (e.g. `page.route` to hold a request). */
  prepare?: (page: Page) => Promise<void>,
): Promise<OpenWindow> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // The event stream is cut when the page closes, and a reload cancels the static files the old
    // page was still fetching (the favicon): neither is a failure of the window.
    const error = request.failure()?.errorText ?? '';
    if (request.url().endsWith('/events')) return;
    if (error === 'net::ERR_ABORTED' && !request.url().includes(PREFIX)) return;
    problems.push(`request failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes(PREFIX)) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await prepare?.(page);
  await page.goto(url);
  return { context, page, problems };
}

export interface HeldEuria {
  /** The chat-completions URL to configure. */
  url: string;
  /** Lets every held request (and every later one) answer with a three-line haiku. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for EurIA that holds each request until `release()`: a haiku run started
 * against it stays in progress for as long as the test needs, without any sleep.
 */
export async function holdingEuria(): Promise<HeldEuria> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server = http.createServer((req, res) => {
    req.resume();
    void held.then(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'Vinyle qui tourne\nLa nuit garde le silence\nUn sillon de lune' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    release: () => release(),
    close: async () => {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
