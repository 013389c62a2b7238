/**
 * The contract table against every door. Each method the table declares gets one sample call,
 * written here (so a method this test does not know about fails it), made through the HTTP client
 * to the real server and through the preload bridge to the real main-side IPC handlers, both on a
 * real engine; every answer must match the result schema the table names. Every route the table
 * binds must be served and described in openapi.json, every route the server answers must be in
 * the document, and the document must pass a maintained OpenAPI validator.
 */
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AIME_METHODS,
  NAMED_SHAPES,
  SCHEDULER_PREFIX,
  specOf,
  type AimeApi,
  type AimeMethod,
} from '../shared/contract.js';
import { createHttpApi } from '../shared/http-client.js';
import { createApiApp } from '../electron/core/api/index.js';
import { createMemoryLogger } from '../electron/core/log.js';
import { registerIpcHandlers } from '../electron/main/ipc.js';
import { FakeBrowserWindow, FakeIpcMain } from './support/fake-electron.js';
import { createBridge } from '../electron/preload/bridge.js';
import { DISCOGS_CSV, serve, type Served } from './support/served-core.js';

/** One valid call per method. */
const SAMPLES: Record<AimeMethod, (s: Served) => unknown[]> = {
  getConfig: () => [],
  setMaxFilesPerType: () => [7],
  setOutputDir: (s) => [path.join(s.root, 'Ailleurs')],
  setSchedulerEnabled: () => [false],
  setCatchUpMissedRuns: () => [false],
  updateTask: () => ['export_collection_json', { time: '07:30' }],
  runNow: () => ['export_collection_json'],
  status: () => [],
  history: () => [5],
  listFiles: () => [],
  importCollection: () => [{ demo: true }],
  importUpload: () => [{ name: 'dropped-once.csv', data_base64: Buffer.from(DISCOGS_CSV).toString('base64') }],
  chooseImportFile: () => [],
  currentImport: () => [],
  cancelImport: () => [],
  collectionStats: () => [],
  getEuria: () => [],
  updateEuria: () => [{ model: 'qwen3' }],
  testEuria: () => [],
  openOutputFolder: () => [],
  listSources: () => [],
  addSource: (s) => [{ path: linkableFile(s) }],
  uploadSource: () => [{ name: 'dropped.csv', data_base64: Buffer.from(DISCOGS_CSV).toString('base64') }],
  chooseSourceFile: () => [],
  removeSource: (s) => [s.core.sources.list().at(-1)?.id ?? 1],
  syncSources: () => [],
  cancelSync: () => [],
  latestHaiku: () => [],
  readFile: (s) => [writtenJson(s)],
  openFile: (s) => [writtenJson(s)],
  getApplication: () => [],
  // Notifications only: the API of this test server stays where it is.
  updateApplication: () => [{ desktop: { notify_on_success: true } }],
};

/** A new Discogs CSV each call (a file can be linked once). */
let linked = 0;
function linkableFile(s: Served): string {
  const file = path.join(s.root, `linked-${++linked}.csv`);
  fs.writeFileSync(file, DISCOGS_CSV);
  return file;
}

/** The name of a JSON export the samples above wrote (runNow), in whichever folder is current. */
function writtenJson(s: Served): string {
  for (const dir of [path.join(s.root, 'Ailleurs'), s.outputDir]) {
    const found = fs.existsSync(dir) ? fs.readdirSync(dir).find((name) => name.startsWith('export-json-')) : undefined;
    if (found) return found;
  }
  throw new Error('no JSON export written yet: runNow must come before readFile and openFile');
}

let served: Served;
let doors: Record<'http' | 'ipc', AimeApi>;

beforeAll(async () => {
  served = await serve({ withCollection: true });
  const ipcMain = new FakeIpcMain();
  const win = new FakeBrowserWindow({});
  registerIpcHandlers({ ipcMain, api: served.core.api, isTrusted: () => true, log: createMemoryLogger([]) });
  const ipc = createBridge({
    invoke: (channel, ...args) => ipcMain.invoke(channel, win.webContents.invokeEvent(), ...args),
    on: () => undefined,
    removeListener: () => undefined,
  });
  doors = { http: createHttpApi(served.base, { headers: served.owner }), ipc };
});

afterAll(async () => {
  await served.close();
});

describe('every method of the table, through every door', () => {
  it('has a sample call here (add one when you add a method)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...AIME_METHODS].sort());
  });

  for (const door of ['http', 'ipc'] as const) {
    it.each(AIME_METHODS)(`${door}: %s answers its result schema`, async (name) => {
      const call = doors[door][name] as (...args: unknown[]) => Promise<unknown>;
      const answer = await call(...SAMPLES[name](served));
      const parsed = specOf(name).result.safeParse(answer);
      expect(parsed.success, parsed.error ? z.prettifyError(parsed.error) : '').toBe(true);
    });
  }
});

describe('the table and openapi.json', () => {
  let document: { paths: Record<string, Record<string, unknown>>; openapi: string };

  beforeAll(async () => {
    const res = await fetch(`${served.base}/api/v1/openapi.json`);
    document = (await res.json()) as typeof document;
  });

  it('names every argument body and result shape', () => {
    const named = new Set(Object.values(NAMED_SHAPES));
    for (const name of AIME_METHODS) {
      const spec = specOf(name);
      expect(named.has(spec.result), `${name}'s result is not in NAMED_SHAPES`).toBe(true);
      const items = (spec.args as unknown as z.ZodTuple).def.items;
      spec.http.forEach((route) =>
        route.args.forEach((source, i) => {
          if (source.in === 'body' && source.field === undefined) {
            expect(named.has(items[i] as z.ZodType), `${name}'s body is not in NAMED_SHAPES`).toBe(true);
          }
        }),
      );
    }
  });

  it('describes every route of every method', () => {
    for (const name of AIME_METHODS) {
      for (const route of specOf(name).http) {
        expect(document.paths[SCHEDULER_PREFIX + route.path]?.[route.method.toLowerCase()], `${name}: ${route.method} ${route.path}`).toBeDefined();
      }
    }
  });

  it('is a valid OpenAPI 3.1 document for a maintained validator', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every route the server answers', () => {
    const app = createApiApp(served.core.api, { log: createMemoryLogger([]), token: served.token });
    const served_ = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(served_.length).toBeGreaterThan(AIME_METHODS.length);
    for (const route of served_) expect(documented).toContain(route);
  });

  it('answers every documented path with something other than 404', async () => {
    const linkedSource = served.core.sources.add({ path: linkableFile(served) }, '2026-01-31T21:02:02.000+01:00');
    const sample = {
      task: 'export_collection_markdown',
      name: 'export_collection_markdown',
      id: String(linkedSource.id),
      file: writtenJson(served),
    };
    for (const [template, ops] of Object.entries(document.paths)) {
      const url = served.base + template.replace(/\{(\w+)\}/g, (_, key: keyof typeof sample) => sample[key]);
      for (const method of Object.keys(ops)) {
        const abort = new AbortController();
        const res = await fetch(url, { method: method.toUpperCase(), signal: abort.signal });
        expect(res.status, `${method} ${template}`).not.toBe(404);
        abort.abort(); // the event stream never ends on its own
      }
    }
  });
});
