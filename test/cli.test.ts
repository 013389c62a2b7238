import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aime, REPO } from './support/cli.js';
import { DISCOGS_FIXTURE } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

// Each case starts real node processes (tsx compiles on load): slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

// One data folder for the whole file: importing the Discogs fixture once is enough.
let data: string;
let output: string;
const settingsFile = () => path.join(data, 'settings.json');

beforeAll(() => {
  data = tempDir('aime-cli-data-');
  output = path.join(tempDir('aime-cli-out-'), 'Scheduled Output');
});
afterAll(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(path.dirname(output), { recursive: true, force: true });
});

describe('aime command line', () => {
  it('prints its usage with --help', () => {
    const result = aime(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/usage: aime <command>/);
    expect(result.stdout).toMatch(/export_collection_json/);
  });

  it('prints its version with --version', () => {
    const result = aime(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  it('prints one command\'s help with examples, creating nothing', () => {
    const fresh = path.join(tempDir('aime-cli-help-'), 'data');
    const result = aime(['run', '--help', '--data', fresh]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: aime run <task>/);
    expect(result.stdout).toMatch(/examples:\n {2}aime run export_collection_json/);
    expect(result.stdout).toMatch(/exit codes: 0 ok, 1 run failed, 2 bad input, 3 busy or locked, 130 cancelled/);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('suggests the nearest command for a typo, exits 2 and creates no data folder', () => {
    const fresh = path.join(tempDir('aime-cli-typo-'), 'data');
    const result = aime(['rnu', 'export_collection_json', '--data', fresh]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aime: unknown command "rnu"; did you mean "run"\?/);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('skips the haiku task on an empty collection, writing no file', () => {
    const result = aime(['run', 'generate_haiku_scheduled', '--data', data, '--output', output]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/skipped/);
    expect(fs.existsSync(output) ? fs.readdirSync(output).filter((f) => f.startsWith('generate-haiku')) : []).toEqual([]);
  });

  it('imports the Discogs CSV and reports what it did', () => {
    const result = aime(['import', DISCOGS_FIXTURE, '--data', data]);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('aime:'))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/discogs-collection-316\.csv: \d+ added, 0 updated, \d+ skipped; \d+ albums in the collection/);
    const again = aime(['import', DISCOGS_FIXTURE, '--data', data]);
    expect(again.stdout).toMatch(/: 0 added/);
  });

  it('runs the JSON export and prints the written file as its last line', () => {
    const result = aime(['run', 'export_collection_json', '--data', data, '--output', output]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(''); // no runtime warning (an import() through the code-cached script printed one)
    const file = result.stdout.trim().split('\n').at(-1)!;
    expect(path.dirname(file)).toBe(output);
    expect(path.basename(file)).toMatch(/^export-json-\d{8}-\d{6}(-\d+)?\.json$/);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json.total_albums).toBeGreaterThan(250);
    expect(json.albums).toHaveLength(json.total_albums);
  });

  it('prints the seed configuration JSON with config get', () => {
    const result = aime(['config', 'get', '--data', data]);
    expect(result.code).toBe(0);
    const config = JSON.parse(result.stdout);
    expect(Object.keys(config).slice(0, 4)).toEqual(['enabled', 'output_dir', 'max_files_per_type', 'catch_up_missed_runs']);
    expect(config.max_files_per_type).toBe(5);
    expect(config.tasks[0]).toMatchObject({
      name: 'generate_haiku_scheduled',
      enabled: true,
      frequency: 1,
      unit: 'day',
      time: '06:00',
      description: 'Génération haikus pour 5 albums aléatoires',
    });
  });

  it('changes settings with config set and shows them in config get', () => {
    expect(aime(['config', 'set', 'max_files_per_type', '10', '--data', data]).code).toBe(0);
    expect(aime(['config', 'set', 'tasks.export_collection_json.time', '07:30', '--data', data]).code).toBe(0);
    expect(aime(['config', 'set', 'enabled', 'false', '--data', data]).code).toBe(0);
    const config = JSON.parse(aime(['config', 'get', '--data', data]).stdout);
    expect(config.max_files_per_type).toBe(10);
    expect(config.enabled).toBe(false);
    expect(config.tasks.find((t: { name: string }) => t.name === 'export_collection_json').time).toBe('07:30');
  });

  it.each([
    [['config', 'set', 'max_files_per_type', '0'], /max_files_per_type must be between 1 and 50/],
    [['config', 'set', 'max_files_per_type', '51'], /max_files_per_type must be between 1 and 50/],
    [['config', 'set', 'max_files_per_type', 'abc'], /whole number between 1 and 50 \(got "abc"\)/],
    [['config', 'set', 'max_files_per_type', '2.5'], /got "2.5"/],
    [['config', 'set', 'colour', 'blue'], /unknown key "colour"; valid keys: enabled, output_dir/],
    [['config', 'set', 'tasks.export_collection_json.time', '25:00'], /time must be HH:MM/],
    [['config', 'set', 'tasks.nope.time', '07:00'], /unknown task "nope"/],
    [['run', 'nope'], /unknown task "nope"; valid tasks: generate_haiku_scheduled/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['config', 'set', 'tasks.generate_haiku_scheduled.time', '7:75'], /^aime: tasks\.generate_haiku_scheduled\.time must be HH:MM/],
    [['config', 'set', 'tasks.generate_haiku_scheduled.frequency', '0'], /^aime: tasks\.generate_haiku_scheduled\.frequency must be at least 1/],
    [['status', '--port', '80'], /aime status does not take --port/],
    [['history', '--limit', 'x'], /--limit must be a whole number/],
    [['run', 'export_collection_json', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with one clear line, a non-zero exit and nothing changed', (args, message) => {
    const before = fs.readFileSync(settingsFile(), 'utf8');
    const result = aime([...args, '--data', data]);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(before);
  });

  it('accepts 7:15 as the window does, stores 07:15, and prints one key with config get KEY', () => {
    const set = aime(['config', 'set', 'tasks.generate_haiku_scheduled.time', '7:15', '--data', data]);
    expect(set.code).toBe(0);
    expect(set.stdout.trim()).toBe('tasks.generate_haiku_scheduled.time = 07:15');
    expect(aime(['config', 'get', 'tasks.generate_haiku_scheduled.time', '--data', data]).stdout).toBe('07:15\n');
    expect(aime(['config', 'get', 'max_files_per_type', '--json', '--data', data]).stdout.trim()).toBe('10');
    expect(JSON.parse(aime(['config', 'get', 'tasks.generate_haiku_scheduled', '--json', '--data', data]).stdout)).toMatchObject({
      name: 'generate_haiku_scheduled',
      time: '07:15',
    });
    const unknown = aime(['config', 'get', 'colour', '--data', data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown key "colour"/);
  });

  it('never prints the EurIA key', () => {
    const secret = 'sk-test-very-secret-123';
    const set = aime(['config', 'set', 'euria.api_key', secret, '--data', data]);
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain(secret);
    const get = aime(['config', 'get', '--data', data]);
    expect(get.stdout).not.toContain(secret);
    expect(aime(['config', 'get', 'euria.api_key', '--data', data]).stdout).toBe('(set)\n');
    const logs = fs.readFileSync(path.join(data, 'logs', 'aime.log'), 'utf8');
    expect(logs).not.toContain(secret);
  });

  it('shows tasks and the last runs with status', () => {
    const result = aime(['status', '--data', data]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^scheduler: not running \(no desktop app or aime serve is open on this data folder\); timers paused$/m);
    expect(result.stdout).toMatch(/^export_collection_json: enabled, next .*, last completed at /m);
    expect(result.stdout).not.toContain('\x1b['); // not a terminal: no colour
  });

  it('prints status, history and a run as JSON with --json', () => {
    const status = JSON.parse(aime(['status', '--json', '--data', data]).stdout);
    expect(status.scheduler).toEqual({ enabled: false, running: false, holder: null });
    expect(status.collection.albums).toBeGreaterThan(250);
    expect(status.tasks.map((t: { name: string }) => t.name)).toContain('export_collection_json');

    const run = aime(['run', 'export_collection_markdown', '--json', '--data', data, '--output', output]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ task: 'export_collection_markdown', status: 'completed' });
    expect(fs.existsSync(result.file)).toBe(true);

    const history = JSON.parse(aime(['history', '--limit', '2', '--json', '--data', data]).stdout);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ task: 'export_collection_markdown', trigger: 'cli', status: 'completed', file: result.file });
    const lines = aime(['history', '--limit', '1', '--data', data]).stdout.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/ {2}export_collection_markdown \(cli\) completed → export-markdown-\d{8}-\d{6}(-\d+)?\.md$/)]);
  });

  it('reads the data folder from AIME_DATA_DIR', () => {
    const result = aime(['config', 'get'], { AIME_DATA_DIR: data });
    expect(JSON.parse(result.stdout).max_files_per_type).toBe(10);
  });
});
