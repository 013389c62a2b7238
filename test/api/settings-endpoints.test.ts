/**
 * The endpoints the settings window uses, on the real core over real HTTP. Every answer is also
 * checked against the OpenAPI document, so the document cannot drift from what the server sends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_IDS } from '../../shared/tasks.js';
import { DISCOGS_CSV, PREFIX, readSettingsFile, request, serve, type Served } from './harness.js';
import { assertMatches, matches } from './openapi-check.js';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => s?.close());

// Answers are checked against the OpenAPI schemas (assertMatches); property access stays loose here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, p: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const res = await request(s.server.port, method, `${PREFIX}${p}`, {
    // The settings window's requests are the owner's (its cookie); here, the Bearer token.
    headers: body === undefined ? s.owner : { 'content-type': 'application/json', ...s.owner },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: res.text ? res.json() : undefined, text: res.text };
}

describe('import and collection', () => {
  it('starts empty; a trigger on an empty collection is "skipped", not "completed"', async () => {
    const stats = await call('GET', '/collection');
    expect(stats.status).toBe(200);
    assertMatches('CollectionStats', stats.json);
    expect(stats.json).toMatchObject({ albums: 0, artists: 0, tracks: 0, last_import: null });
    const run = await call('POST', '/trigger/generate_haiku_scheduled');
    expect(run.status).toBe(200);
    assertMatches('RunResult', run.json);
    expect(run.json).toMatchObject({ status: 'skipped', file: null });
  });

  it('imports a Discogs CSV by path', async () => {
    const csv = path.join(s.root, 'my collection.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    const res = await call('POST', '/import', { path: csv });
    expect(res.status).toBe(200);
    assertMatches('ImportSummary', res.json);
    expect(res.json).toMatchObject({ format: 'discogs-csv', added: 5, total_albums: 5 });
    const stats = await call('GET', '/collection');
    expect(stats.json).toMatchObject({ albums: 5, artists: 4 });
    expect(stats.json.last_import).toMatchObject({ format: 'discogs-csv', added: 5 });
  });

  it.each([
    [{}, /"path".+"demo"/],
    [{ demo: false }, /demo/],
    [{ path: 42 }, /path/],
    [{ path: '' }, /path must name a file/],
    [{ path: '/x.csv', format: 'xlsx' }, /format/],
    ['[1,2', /not valid JSON/],
    [undefined, /needs a JSON body/],
  ])('refuses import body %j with 422', async (body, message) => {
    const res = await call('POST', '/import', body);
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(message);
  });

  it('names the missing file of an import', async () => {
    const missing = path.join(s.root, 'nothing-here.csv');
    const res = await call('POST', '/import', { path: missing });
    expect([404, 422]).toContain(res.status);
    expect(res.json.detail).toContain('nothing-here.csv');
    expect((await call('GET', '/collection')).json.albums).toBe(5);
  });
});

describe('start / stop / status', () => {
  it('status lists every task with its next run', async () => {
    const res = await call('GET', '/status');
    expect(res.status).toBe(200);
    assertMatches('SchedulerStatus', res.json);
    expect(res.json.running).toBe(true);
    expect(res.json.tasks.map((t: { name: string }) => t.name)).toEqual([...TASK_IDS]);
    for (const task of res.json.tasks) expect(task.next_run_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('stop pauses the scheduler and is saved; start resumes it', async () => {
    const stopped = await call('POST', '/stop');
    expect(stopped.status).toBe(200);
    assertMatches('SchedulerStatus', stopped.json);
    expect(stopped.json.running).toBe(false);
    expect(readSettingsFile(s.dataDir).enabled).toBe(false);
    expect((await call('GET', '/config')).json.enabled).toBe(false);
    const started = await call('POST', '/start');
    expect(started.json.running).toBe(true);
    expect(readSettingsFile(s.dataDir).enabled).toBe(true);
  });
});

describe('PATCH tasks/{name}', () => {
  it('changes the time; config and status show what the timers use', async () => {
    const res = await call('PATCH', '/tasks/export_collection_markdown', { time: '07:30' });
    expect(res.status).toBe(200);
    assertMatches('TaskConfig', res.json);
    expect(res.json).toMatchObject({ name: 'export_collection_markdown', time: '07:30', unit: 'day' });
    const config = (await call('GET', '/config')).json;
    expect(config.tasks.find((t: { name: string }) => t.name === 'export_collection_markdown').time).toBe('07:30');
    const status = (await call('GET', '/status')).json;
    const next = status.tasks.find((t: { name: string }) => t.name === 'export_collection_markdown').next_run_at;
    expect(next).toMatch(/T07:30:00/);
  });

  it('accepts a weekly schedule with its weekday', async () => {
    const res = await call('PATCH', '/tasks/export_collection_json', { unit: 'week', day: 'sunday', time: '09:15' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ unit: 'week', day: 'sunday', time: '09:15' });
  });

  it.each([
    [{ time: '25:00' }, /time/],
    [{ frequency: 0 }, /frequency/],
    [{ unit: 'fortnight' }, /unit/],
    [{ unit: 'week', day: null }, /weekday/],
    [{ colour: 'red' }, /colour|unrecognized/i],
    [{ enabled: 'yes' }, /enabled/],
    [[1], /must be a JSON object.+\(got an array\)/],
    ['null', /must be a JSON object.+\(got null\)/],
    ['{"time":', /not valid JSON/],
  ])('refuses %j with 422 and changes nothing', async (body, message) => {
    const before = JSON.stringify(readSettingsFile(s.dataDir).tasks);
    const res = await call('PATCH', '/tasks/generate_haiku_scheduled', body);
    expect(res.status).toBe(422);
    assertMatches('Error', res.json);
    expect(res.json.detail).toMatch(message);
    expect(JSON.stringify(readSettingsFile(s.dataDir).tasks)).toBe(before);
  });

  it('answers 404 for an unknown task', async () => {
    const res = await call('PATCH', '/tasks/make_coffee', { time: '07:00' });
    expect(res.status).toBe(404);
    expect(res.json.valid).toEqual([...TASK_IDS]);
  });

  it('uses the same schema the OpenAPI document publishes', () => {
    expect(matches('TaskPatch', { time: '07:30', unit: 'week', day: 'sunday' })).toBe(true);
    expect(matches('TaskPatch', { time: '25:00' })).toBe(false);
    expect(matches('TaskPatch', { colour: 'red' })).toBe(false);
  });
});

describe('PATCH config with a JSON body', () => {
  it('changes several settings at once and answers the whole config', async () => {
    const out = path.join(s.root, 'Exports');
    const res = await call('PATCH', '/config', { max_files_per_type: 3, catch_up_missed_runs: false, output_dir: out });
    expect(res.status).toBe(200);
    assertMatches('SchedulerConfig', res.json);
    expect(res.json).toMatchObject({ max_files_per_type: 3, catch_up_missed_runs: false, output_dir: out });
    expect(fs.statSync(out).isDirectory()).toBe(true);
  });

  it('refuses a body with one bad value and changes nothing, not even the good values', async () => {
    const before = readSettingsFile(s.dataDir);
    for (const body of [
      { max_files_per_type: 7, output_dir: 'relative/folder' },
      { max_files_per_type: 7, catch_up_missed_runs: 'yes' },
      { max_files_per_type: 70 },
      { max_files_per_type: 7, surprise: 1 },
      {},
    ]) {
      const res = await call('PATCH', '/config', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.detail).toBeTruthy();
    }
    expect(readSettingsFile(s.dataDir)).toEqual(before);
  });

  it('refuses the query and a body together', async () => {
    const res = await request(s.server.port, 'PATCH', `${PREFIX}/config?max_files_per_type=4`, {
      body: JSON.stringify({ max_files_per_type: 6 }),
    });
    expect(res.status).toBe(422);
  });
});

describe('runs, history and files', () => {
  it('history lists runs newest first and honours limit', async () => {
    await call('POST', '/trigger/export_collection_markdown');
    await call('POST', '/trigger/export_collection_json');
    const res = await call('GET', '/history');
    expect(res.status).toBe(200);
    for (const run of res.json) assertMatches('RunRecord', run);
    expect(res.json.slice(0, 2).map((r: { task: string }) => r.task)).toEqual([
      'export_collection_json',
      'export_collection_markdown',
    ]);
    expect(res.json.every((r: { trigger: string }) => r.trigger === 'api')).toBe(true);
    const one = await call('GET', '/history?limit=1');
    expect(one.json).toHaveLength(1);
    expect(one.json[0].id).toBe(res.json[0].id);
  });

  it.each(['abc', '0', '-1', '2.5', '1001'])('refuses limit=%s with 422', async (limit) => {
    const res = await call('GET', `/history?limit=${limit}`);
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/limit must be a whole number between 1 and 1000/);
  });

  it('files lists what the runs wrote, per type, with size and time', async () => {
    const res = await call('GET', '/files');
    expect(res.status).toBe(200);
    assertMatches('GeneratedFiles', res.json);
    expect(res.json.files.json).toHaveLength(1);
    expect(res.json.files.markdown).toHaveLength(1);
    const file = res.json.files.json[0];
    expect(file.name).toMatch(/^export-json-\d{8}-\d{6}(-\d+)?\.json$/);
    expect(file.size).toBe(fs.statSync(file.path).size);
  });

  it('open-output opens the output folder', async () => {
    const res = await call('POST', '/open-output');
    expect(res.status).toBe(200);
    assertMatches('OpenOutputAnswer', res.json);
    expect(res.json).toEqual({ path: path.join(s.root, 'Exports'), opened: true });
    expect(s.opened).toEqual([path.join(s.root, 'Exports')]);
  });
});

describe('EurIA settings', () => {
  it('never shows the key, only that one is configured', async () => {
    const secret = 'sk-test-do-not-leak-0123456789';
    const res = await call('PATCH', '/euria', { api_key: secret, model: 'qwen3-large' });
    expect(res.status).toBe(200);
    assertMatches('EuriaSettings', res.json);
    expect(res.json).toMatchObject({ key_configured: true, model: 'qwen3-large' });
    for (const p of ['/euria', '/config', '/status']) expect((await call('GET', p)).text).not.toContain(secret);
    expect(s.logLines.join('\n')).not.toContain(secret);
  });

  it.each([{ timeout_ms: 5 }, { url: 'not a url' }, { key: 'x' }])('refuses %j with 422', async (body) => {
    const res = await call('PATCH', '/euria', body);
    expect(res.status).toBe(422);
  });

  it('test answers with a result, not an HTTP error, when EurIA is unreachable', async () => {
    await call('PATCH', '/euria', { url: 'http://127.0.0.1:9/v1/chat/completions', timeout_ms: 1000 });
    const res = await call('POST', '/euria/test');
    expect(res.status).toBe(200);
    assertMatches('EuriaTestResult', res.json);
    expect(res.json.ok).toBe(false);
    expect(res.json.message).toBeTruthy();
  });
});

describe('OpenAPI document', () => {
  it('is served and documents every route', async () => {
    const res = await request(s.server.port, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(
      [
        `GET ${PREFIX}/config`,
        `PATCH ${PREFIX}/config`,
        `POST ${PREFIX}/trigger/{task}`,
        `GET ${PREFIX}/status`,
        `POST ${PREFIX}/start`,
        `POST ${PREFIX}/stop`,
        `PATCH ${PREFIX}/tasks/{name}`,
        `GET ${PREFIX}/history`,
        `GET ${PREFIX}/files`,
        `POST ${PREFIX}/import`,
        `POST ${PREFIX}/import/upload`,
        `POST ${PREFIX}/import/choose`,
        `GET ${PREFIX}/import`,
        `POST ${PREFIX}/import/cancel`,
        `GET ${PREFIX}/collection`,
        `GET ${PREFIX}/euria`,
        `PATCH ${PREFIX}/euria`,
        `POST ${PREFIX}/euria/test`,
        `POST ${PREFIX}/open-output`,
        `GET ${PREFIX}/haiku/latest`,
        `GET ${PREFIX}/files/{file}`,
        `POST ${PREFIX}/files/{file}/open`,
        `GET ${PREFIX}/application`,
        `PATCH ${PREFIX}/application`,
        `GET ${PREFIX}/events`,
        `GET ${PREFIX}/sources`,
        `POST ${PREFIX}/sources`,
        `POST ${PREFIX}/sources/upload`,
        `POST ${PREFIX}/sources/choose`,
        `DELETE ${PREFIX}/sources/{id}`,
        `POST ${PREFIX}/sync`,
        `POST ${PREFIX}/sync/cancel`,
        'GET /api/v1/openapi.json',
      ].sort(),
    );
  });

  it('every $ref points at a published schema', async () => {
    const res = await request(s.server.port, 'GET', '/api/v1/openapi.json');
    const doc = res.json() as { components: { schemas: Record<string, unknown> } };
    const refs = [...res.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });
});
