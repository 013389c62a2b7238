/**
 * The seed document's `curl` lines, run with the real curl binary against the real server and
 * core: same URLs, same methods, the seed's answers.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_IDS } from '../../shared/tasks.js';
import { curl, PREFIX, readSettingsFile, serve, type Served } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serve({ withCollection: true });
});
afterAll(async () => s?.close());

const at = (host: 'localhost' | '127.0.0.1', p: string) => `http://${host}:${s.server.port}${PREFIX}${p}`;

describe('GET config', () => {
  it.each(['localhost', '127.0.0.1'] as const)('answers the seed shape with real values via %s', async (host) => {
    const { status, body } = await curl([at(host, '/config')]);
    expect(status).toBe(200);
    const config = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(config).slice(0, 4)).toEqual(['enabled', 'output_dir', 'max_files_per_type', 'catch_up_missed_runs']);
    expect(config).toMatchObject({ enabled: true, output_dir: s.outputDir, max_files_per_type: 5 });
    const tasks = config.tasks as Array<Record<string, unknown>>;
    expect(tasks.map((t) => t.name)).toEqual([...TASK_IDS]);
    // A one-shot import is in the history as import_collection, but it is no task.
    expect(tasks.map((t) => t.name)).not.toContain('import_collection');
    expect(tasks[0]).toEqual({
      name: 'generate_haiku_scheduled',
      enabled: true,
      frequency: 1,
      unit: 'day',
      time: '06:00',
      day: null,
      description: 'Génération haikus pour 5 albums aléatoires',
    });
    // The seed's three at their times, then the linked sources' sync before the haiku.
    expect(tasks.map((t) => t.time)).toEqual(['06:00', '08:00', '10:00', '05:30']);
    for (const task of tasks) for (const key of ['name', 'enabled', 'frequency', 'unit', 'time', 'description']) {
      expect(task[key], `${String(task.name)}.${key}`).not.toBeNull();
    }
  });
});

describe('PATCH config?max_files_per_type', () => {
  it('answers {"max_files_per_type": 10} and persists it', async () => {
    const { status, body } = await curl(['-X', 'PATCH', at('localhost', '/config?max_files_per_type=10')]);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ max_files_per_type: 10 });
    expect(readSettingsFile(s.dataDir).max_files_per_type).toBe(10);
    const after = await curl([at('127.0.0.1', '/config')]);
    expect(JSON.parse(after.body).max_files_per_type).toBe(10);
  });

  it.each(['0', '51', 'abc', '2.5', '', '-3', '1e1'])('refuses %j with 422 and a message, changing nothing', async (value) => {
    const before = fs.readFileSync(`${s.dataDir}/settings.json`, 'utf8');
    const { status, body } = await curl(['-X', 'PATCH', at('localhost', `/config?max_files_per_type=${value}`)]);
    expect(status).toBe(422);
    const error = JSON.parse(body) as { detail: string; code: string };
    expect(error.code).toBe('invalid_input');
    expect(error.detail).toMatch(/max_files_per_type/);
    expect(error.detail).toMatch(/1 and 50/);
    expect(fs.readFileSync(`${s.dataDir}/settings.json`, 'utf8')).toBe(before);
    expect(JSON.parse((await curl([at('localhost', '/config')])).body).max_files_per_type).toBe(10);
  });

  it('refuses the parameter given twice', async () => {
    const { status, body } = await curl(['-X', 'PATCH', at('localhost', '/config?max_files_per_type=3&max_files_per_type=4')]);
    expect(status).toBe(422);
    expect(JSON.parse(body).detail).toMatch(/given 2 times/);
    expect(readSettingsFile(s.dataDir).max_files_per_type).toBe(10);
  });

  it('refuses a PATCH without the parameter with 422 saying what to send', async () => {
    const { status, body } = await curl(['-X', 'PATCH', at('localhost', '/config')]);
    expect(status).toBe(422);
    expect(JSON.parse(body).detail).toMatch(/max_files_per_type is missing/);
  });
});

describe('POST trigger/{task}', () => {
  it('runs the JSON export: completed once the file is written', async () => {
    const { status, body } = await curl(['-X', 'POST', at('localhost', '/trigger/export_collection_json')]);
    expect(status).toBe(200);
    const result = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(result).slice(0, 3)).toEqual(['task', 'status', 'timestamp']);
    expect(result).toMatchObject({ task: 'export_collection_json', status: 'completed', album_count: 5 });
    expect(result.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    const file = result.file as string;
    expect(file).toMatch(/export-json-\d{8}-\d{6}(-\d+)?\.json$/);
    expect(file.startsWith(s.outputDir)).toBe(true);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { total_albums: number };
    expect(exported.total_albums).toBe(5);
  });

  it.each(['generate_haiku_scheduled', 'export_collection_markdown'])('runs %s and writes its file', async (task) => {
    const { status, body } = await curl(['-X', 'POST', at('127.0.0.1', `/trigger/${task}`)]);
    expect(status).toBe(200);
    const result = JSON.parse(body) as { status: string; file: string };
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(result.file, 'utf8')).toMatch(/^# (🎵 Haikus Générés|📚 Collection Complète)/);
  });

  // import_collection names the one-shot imports in the history: it cannot be triggered.
  it.each(['export_everything', 'import_collection'])('answers 404 for an unknown task (%s), naming the valid ones', async (name) => {
    const { status, body } = await curl(['-X', 'POST', at('localhost', `/trigger/${name}`)]);
    expect(status).toBe(404);
    const error = JSON.parse(body) as { detail: string; code: string; valid: string[] };
    expect(error.code).toBe('not_found');
    expect(error.detail).toContain(name);
    for (const id of TASK_IDS) expect(error.detail).toContain(id);
    expect(error.valid).toEqual([...TASK_IDS]);
  });
});
