/** The engine's AimeApi on a real core (temporary data and output folders, a fixed clock). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AimeEvent } from '../shared/api.js';
import { AimeError } from '../shared/contract.js';
import { createCore, type Core } from '../electron/core/app.js';
import { tempDir } from './support/temp-dir.js';

let core: Core;
let data: string;
let home: string;
const clock = { now: () => new Date(2026, 0, 31, 21, 2, 2) };

beforeEach(async () => {
  data = tempDir('aime-core-');
  home = tempDir('aime-home-');
  core = await createCore({ dataDir: data, clock, homeDir: home, env: {} });
});
afterEach(async () => {
  await core.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<AimeError> {
  try {
    await promise;
  } catch (error) {
    return error as AimeError;
  }
  throw new Error('expected a rejection');
}

describe('core api', () => {
  it('puts exports in <data>/Scheduled Output when the home folder has no Documents', async () => {
    expect((await core.api.getConfig()).output_dir).toBe(path.join(data, 'Scheduled Output'));
  });

  it('answers the seed config shape with real values', async () => {
    const config = await core.api.getConfig();
    expect(config).toMatchObject({ enabled: true, max_files_per_type: 5 });
    expect(config.tasks.map((t) => t.name)).toEqual([
      'generate_haiku_scheduled',
      'export_collection_markdown',
      'export_collection_json',
    ]);
    for (const task of config.tasks) {
      for (const value of Object.values(task).filter((_, i) => i !== 5)) expect(value).not.toBeNull();
    }
  });

  it('refuses 0, 51 and 2.5 for max_files_per_type, changes nothing, emits nothing', async () => {
    const events: AimeEvent[] = [];
    core.api.subscribe((e) => events.push(e));
    for (const value of [0, 51, 2.5]) {
      const error = await rejection(core.api.setMaxFilesPerType(value));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/max_files_per_type/);
    }
    expect((await core.api.getConfig()).max_files_per_type).toBe(5);
    expect(events).toEqual([]);
    expect(await core.api.setMaxFilesPerType(10)).toEqual({ max_files_per_type: 10 });
    expect(events.map((e) => e.type)).toEqual(['config-changed']);
  });

  it('picks the day a unit needs when only the unit changes', async () => {
    expect(await core.api.updateTask('export_collection_json', { unit: 'week' })).toMatchObject({ unit: 'week', day: 'monday' });
    expect(await core.api.updateTask('export_collection_json', { unit: 'month' })).toMatchObject({ unit: 'month', day: 1 });
    expect(await core.api.updateTask('export_collection_json', { unit: 'day' })).toMatchObject({ unit: 'day', day: null });
    const error = await rejection(core.api.updateTask('export_collection_json', { unit: 'week', day: 12 }));
    expect(error.message).toMatch(/weekday/);
  });

  it('shows a changed time in the status next run at once', async () => {
    await core.start();
    await core.api.updateTask('export_collection_json', { time: '23:45' });
    const status = await core.api.status();
    expect(status.tasks.find((t) => t.name === 'export_collection_json')!.next_run_at).toBe('2026-01-31T23:45:00.000+01:00');
  });

  it('refuses a relative or file output folder', async () => {
    expect((await rejection(core.api.setOutputDir('exports'))).message).toMatch(/absolute folder path/);
    const file = path.join(data, 'a-file');
    fs.writeFileSync(file, '');
    expect((await rejection(core.api.setOutputDir(file))).message).toMatch(/is a file, not a folder/);
    const dir = path.join(home, 'Exports');
    expect((await core.api.setOutputDir(dir)).output_dir).toBe(dir);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  it('never shows the EurIA key, only that one is set', async () => {
    const view = await core.api.updateEuria({ api_key: 'sk-secret-42', model: 'qwen3' });
    expect(JSON.stringify(view)).not.toContain('sk-secret-42');
    expect(view.key_configured).toBe(true);
    const log = fs.readFileSync(path.join(data, 'logs', 'aime.log'), 'utf8');
    expect(log).not.toContain('sk-secret-42');
  });

  it('records a manual run in history and lists its file', async () => {
    await core.api.importCollection({ demo: true });
    const result = await core.api.runNow('export_collection_markdown');
    expect(result.status).toBe('completed');
    expect(path.basename(result.file!)).toBe('export-markdown-20260131-210202.md');
    const [run] = await core.api.history(1);
    expect(run).toMatchObject({ task: 'export_collection_markdown', trigger: 'manual', status: 'completed', file: result.file });
    const files = await core.api.listFiles();
    expect(files.files.markdown.map((f) => f.name)).toEqual(['export-markdown-20260131-210202.md']);
  });
});
