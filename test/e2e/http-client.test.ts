/**
 * The window's HTTP transport (shared/http-client.ts) against the real API server and a real
 * engine in a temporary folder: every AimeApi method reaches its route and answers the
 * contract's shape; errors come back as AimeError with the engine's code and message.
 * (Live events need a browser's EventSource: the Chromium tests cover `subscribe`.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AimeApi, AimeError } from '../../shared/contract.js';
import { TASK_IDS } from '../../shared/tasks.js';
import { API_PREFIX, createHttpApi, errorFromResponse } from '../../shared/http-client.js';
import { holdingEuria, serveWindow, type Served } from './harness.js';

let served: Served;
let client: AimeApi;

beforeEach(async () => {
  served = await serveWindow();
  client = createHttpApi(served.base, { headers: served.owner });
});

afterEach(async () => {
  await served.close();
});

async function refusal(promise: Promise<unknown>): Promise<AimeError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AimeError)) throw new Error(`expected an AimeError, got ${String(error)}`);
  return error;
}

describe('createHttpApi against aime serve', () => {
  it('calls the seed’s prefix', () => {
    expect(API_PREFIX).toBe('/api/v1/services/scheduler');
  });

  it('reads and changes the global settings', async () => {
    const config = await client.getConfig();
    expect(config).toMatchObject({ enabled: true, max_files_per_type: 5, output_dir: served.outputDir });
    expect(config.tasks.map((t) => t.name)).toEqual([...TASK_IDS]);

    expect(await client.setMaxFilesPerType(7)).toEqual({ max_files_per_type: 7 });
    expect((await client.getConfig()).max_files_per_type).toBe(7);

    expect((await client.setCatchUpMissedRuns(false)).catch_up_missed_runs).toBe(false);
    const other = path.join(served.root, 'Ailleurs');
    expect((await client.setOutputDir(other)).output_dir).toBe(other);
  });

  it('refuses 51 with the engine’s invalid_input error and changes nothing', async () => {
    const error = await refusal(client.setMaxFilesPerType(51));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/between 1 and 50/);
    expect((await client.getConfig()).max_files_per_type).toBe(5);
  });

  it('pauses and resumes the scheduler', async () => {
    expect((await client.setSchedulerEnabled(false)).running).toBe(false);
    expect((await client.status()).running).toBe(false);
    expect((await client.setSchedulerEnabled(true)).running).toBe(true);
  });

  it('edits a task and the next run follows; an unknown task is not_found', async () => {
    const task = await client.updateTask('export_collection_json', { time: '07:45', unit: 'week', day: 'sunday' });
    expect(task).toMatchObject({ name: 'export_collection_json', time: '07:45', unit: 'week', day: 'sunday' });
    const next = new Date((await client.status()).tasks.find((t) => t.name === 'export_collection_json')?.next_run_at ?? NaN);
    expect([next.getDay(), next.getHours(), next.getMinutes()]).toEqual([0, 7, 45]);

    const error = await refusal(client.updateTask('nope' as never, { time: '07:00' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('export_collection_json');
  });

  it('runs a task now, then lists the run and the file', async () => {
    // An empty collection's export is skipped: give it albums to write.
    const { total_albums } = await client.importCollection({ demo: true });
    const result = await client.runNow('export_collection_json');
    expect(result).toMatchObject({ task: 'export_collection_json', status: 'completed', album_count: total_albums });
    expect(fs.existsSync(result.file ?? '')).toBe(true);
    const [run] = await client.history(5);
    expect(run).toMatchObject({ id: result.run_id, trigger: 'api', status: 'completed', file: result.file });
    const files = await client.listFiles();
    expect(files.files.json.map((f) => f.path)).toEqual([result.file]);
  });

  it('records a click in the page as a manual run', async () => {
    await client.importCollection({ demo: true });
    const result = await client.runNow('export_collection_markdown', 'manual');
    const [run] = await client.history(1);
    expect(run).toMatchObject({ id: result.run_id, trigger: 'manual', status: 'completed' });
  });

  it('returns a failed run as a result (HTTP 500 with status "failed"), not as an exception', async () => {
    // The output folder is replaced by a file after it was chosen: the export cannot be written.
    const folder = path.join(served.root, 'soon-a-file');
    await client.setOutputDir(folder);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.writeFileSync(folder, 'x');
    const result = await client.runNow('export_collection_markdown');
    expect(result.status).toBe('failed');
    expect(result.error).toBeTruthy();
    expect(result.file).toBeNull();
  });

  it('refuses a second run of a running task with already_running', async () => {
    const euria = await holdingEuria();
    try {
      await client.importCollection({ demo: true }).catch(async () => {
        // Without the bundled demo, one album from a JSON export is enough.
        const file = path.join(served.root, 'one.json');
        fs.writeFileSync(
          file,
          JSON.stringify({
            export_date: '2026-01-31T21:02:26.427+01:00',
            total_albums: 1,
            albums: [{ id: 1, title: 'T.V. Sky', year: 1992, support: 'CD', source: 'discogs', spotify_url: null, artists: ['The Young Gods'], tracks_count: 0 }],
          }),
        );
        await client.importCollection({ path: file, format: 'json' });
      });
      await client.updateEuria({ url: euria.url, api_key: 'k' });
      const first = client.runNow('generate_haiku_scheduled');
      await expect
        .poll(async () => (await client.status()).tasks.find((t) => t.name === 'generate_haiku_scheduled')?.running)
        .toBe(true);
      const error = await refusal(client.runNow('generate_haiku_scheduled'));
      expect(error.code).toBe('already_running');
      euria.release();
      expect((await first).status).toBe('completed');
    } finally {
      await euria.close();
    }
  });

  it('imports, counts, and reports an importer error naming the file', async () => {
    const file = path.join(served.root, 'collection.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        export_date: '2026-01-31T21:02:26.427+01:00',
        total_albums: 1,
        albums: [{ id: 1, title: 'Moon Safari', year: 1998, support: 'Vinyle', source: 'discogs', spotify_url: null, artists: ['AIR'], tracks_count: 0 }],
      }),
    );
    const summary = await client.importCollection({ path: file, format: 'json' });
    expect(summary).toMatchObject({ format: 'json', added: 1, total_albums: 1 });
    const stats = await client.collectionStats();
    expect(stats).toMatchObject({ albums: 1, artists: 1 });
    expect(stats.last_import).toMatchObject({ format: 'json', added: 1 });

    const missing = path.join(served.root, 'absent.csv');
    const error = await refusal(client.importCollection({ path: missing, format: 'discogs-csv' }));
    expect(['invalid_input', 'not_found']).toContain(error.code);
    expect(error.message).toContain('absent.csv');
  });

  it('keeps the EurIA key write-only and tests the connection', async () => {
    const euria = await holdingEuria();
    euria.release();
    try {
      expect((await client.getEuria()).key_configured).toBe(false);
      const view = await client.updateEuria({ url: euria.url, model: 'qwen3', api_key: 'secret-key' });
      expect(view).toMatchObject({ url: euria.url, key_configured: true });
      expect(JSON.stringify(view)).not.toContain('secret-key');
      const test = await client.testEuria();
      expect(test).toMatchObject({ ok: true, model: 'qwen3' });
      expect((await client.updateEuria({ api_key: '' })).key_configured).toBe(false);
    } finally {
      await euria.close();
    }
  });

  it('asks the engine to open the output folder', async () => {
    expect(await client.openOutputFolder()).toEqual({ path: served.outputDir, opened: true });
    expect(served.opened).toEqual([served.outputDir]);
  });

  it('names the server when it cannot be reached', async () => {
    const port = served.server.port;
    await served.server.close();
    const error = await refusal(createHttpApi(`http://127.0.0.1:${port}`).getConfig());
    expect(error.code).toBe('internal');
    expect(error.message).toContain(`http://127.0.0.1:${port}${API_PREFIX}/config`);
  });
});

describe('errorFromResponse', () => {
  it('reads the FastAPI-style body: detail, code, and the rest as details', () => {
    const error = errorFromResponse(404, { detail: 'unknown task "x"', code: 'not_found', valid: ['a'] }, 'http://h/x');
    expect(error).toMatchObject({ code: 'not_found', message: 'unknown task "x"', details: { valid: ['a'] } });
  });

  it('falls back on the HTTP status and the text of a body that is not ours', () => {
    expect(errorFromResponse(409, null, 'http://h/t')).toMatchObject({ code: 'already_running', message: 'HTTP 409 from http://h/t' });
    expect(errorFromResponse(502, '<h1>Bad gateway</h1>', 'http://h/t')).toMatchObject({
      code: 'internal',
      message: 'HTTP 502 from http://h/t: <h1>Bad gateway</h1>',
    });
    expect(errorFromResponse(422, { code: 'weird', message: 'no' }, 'u')).toMatchObject({ code: 'invalid_input', message: 'no' });
  });
});
