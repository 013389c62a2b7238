/**
 * The built Electron main bundle (scripts/build-electron.mjs → main.js), run in Node with a
 * fake `electron` module: proves the bundle loads (ESM + bundled CommonJS, externals), that
 * main.ts starts in the right order on the data folder given by --data-dir, that a tray
 * run-now writes its file, and that Quit closes the engine before exiting. Electron itself
 * is covered by `npm run test:electron` on machines where its binary exists.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedCore } from '../support/isolated-core.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestDb, insertAlbums } from '../support/test-collection.js';
import { EXPORT_CACHE_PRAGMA } from '../../electron/core/collection/database.js';
import type { SnapshotWorkerData } from '../../electron/core/tasks/snapshot-worker-thread.js';

const require = createRequire(import.meta.url);

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
let temp: string;
let bundleDir: string;
let result: { status: number | null; stdout: string; stderr: string };
let dataDir: string;
let outputDir: string;

beforeAll(async () => {
  temp = tempDir('aime-bundle-');
  // Inside the checkout, so the bundle's externals (better-sqlite3) resolve from node_modules.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  bundleDir = fs.mkdtempSync(path.join(cache, 'aime-bundle-'));
  const { bundle } = (await import(path.join(ROOT, 'scripts', 'build-electron.mjs'))) as {
    bundle: (outDir: string) => Promise<void>;
  };
  await bundle(bundleDir);
  dataDir = path.join(temp, 'data');
  outputDir = path.join(temp, 'out');
  // An empty collection's export is skipped: the tray's run needs albums to write.
  const seed = await createIsolatedCore({ dataDir, homeDir: temp });
  await seed.api.importCollection({ demo: true });
  await seed.close();
  // An app folder without dist/native: the Node build of better-sqlite3 is the one to load here.
  const appPath = path.join(temp, 'app');
  fs.mkdirSync(appPath);
  // XDG_CONFIG_HOME: the Linux autostart entry (removed when start_at_login is off) stays in the temp folder.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AIME_E2E: '1',
    // The app serves the REST API: on any free port here, never the real 8000.
    AIME_API_PORT: '0',
    AIME_TEST_APP_PATH: appPath,
    XDG_CONFIG_HOME: path.join(temp, 'config'),
  };
  delete env.AIME_DATA_DIR;
  const child = spawnSync(
    process.execPath,
    [path.join(HERE, 'run-bundle.mjs'), path.join(bundleDir, 'main', 'main.js'), outputDir, `--data-dir=${dataDir}`],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  result = { status: child.status, stdout: child.stdout, stderr: child.stderr };
});

afterAll(() => {
  fs.rmSync(temp, { recursive: true, force: true });
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

const fakeLines = () => result.stdout.split('\n').filter((line) => line.startsWith('FAKE '));

describe('the built main bundle', () => {
  it('runs to a clean exit; the only complaint is the missing Electron build of better-sqlite3', () => {
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/ - aime - ERROR - .*better_sqlite3\.node is missing: run `npm run build:electron`/),
    ]);
    expect(result.status).toBe(0);
  });

  it('sets the data folder, registers the app scheme and takes the single-instance lock before anything else', () => {
    expect(fakeLines().slice(0, 3)).toEqual([
      `FAKE setPath userData ${dataDir}`,
      'FAKE schemes [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"corsEnabled":true}}]',
      'FAKE single-instance-lock',
    ]);
    expect(fs.existsSync(path.join(dataDir, 'collection.db'))).toBe(true);
  });

  it('opens the secure window on first run and builds the tray with the next run', () => {
    const window = fakeLines().find((line) => line.startsWith('FAKE window '))!;
    expect(JSON.parse(window.slice('FAKE window '.length))).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(fakeLines()).toContain('FAKE loadURL app://aime/index.html');
    expect(fakeLines().some((line) => /^FAKE tooltip AIME Scheduler — Next run: /.test(line))).toBe(true);
  });

  it('writes the JSON export from the tray and forwards the run events to the window', () => {
    const files = JSON.parse(result.stdout.split('\n').find((line) => line.startsWith('OUTPUT '))!.slice('OUTPUT '.length)) as string[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^export-json-\d{8}-\d{6}\.json$/);
    expect(fakeLines()).toEqual(expect.arrayContaining(['FAKE send aime:event run-started', 'FAKE send aime:event run-finished']));
  });

  it('logs in the seed format, and Quit closes the engine before the process ends', () => {
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'aime.log'), 'utf8').trimEnd().split('\n');
    expect(log.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - aime\.desktop - INFO - AIME Scheduler stopped$/);
    expect(log.some((line) => / - app\.services\.scheduler_service - INFO - .*export_collection_json completed \(tray\)/.test(line))).toBe(true);
    // The tray may still refresh its tooltip while the engine closes (a run just finished): only the
    // order of the quit steps matters here.
    const lifecycle = fakeLines().filter((line) => !line.startsWith('FAKE tooltip'));
    expect(lifecycle.slice(-3)).toEqual(['FAKE quit', 'FAKE quit', 'FAKE ended']);
    expect(fs.existsSync(path.join(dataDir, 'aime.lock'))).toBe(false);
  });
});

describe('the bundled export worker', () => {
  it('is emitted beside main.js and answers on its own snapshot in plain Node (no tsx)', async () => {
    const file = path.join(bundleDir, 'main', 'snapshot-worker-thread.js');
    expect(fs.existsSync(file)).toBe(true);
    // main.js starts it by this name, beside itself.
    expect(fs.readFileSync(path.join(bundleDir, 'main', 'main.js'), 'utf8')).toContain('new URL("./snapshot-worker-thread.js", import.meta.url)');
    const db = createTestDb(temp);
    insertAlbums(db, [1, 2, 3].map((id) => ({ id, title: `Album ${id}` })));
    const state = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(file, {
      workerData: {
        module: require.resolve('better-sqlite3'),
        file: db.name,
        nativeBinding: undefined,
        shared: state.buffer,
        cachePragma: EXPORT_CACHE_PRAGMA,
      } satisfies SnapshotWorkerData,
    });
    try {
      const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
      const reply = new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ id: 7, sql: 'SELECT count(*), group_concat(title) FROM albums WHERE id > ?', params: [1] });
      expect(await reply).toEqual({ id: 7, row: [2, 'Album 2,Album 3'] });
      expect(Atomics.load(state, 0)).toBe(1);
      worker.postMessage('close');
      expect(await exited).toBe(0);
    } finally {
      db.close();
      await worker.terminate();
    }
  });
});
