import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AimeError } from '../../../shared/contract.js';
import { defaultSettings } from '../../../shared/config.js';
import { renderMessage } from '../../../shared/messages/index.js';
import { createFileLogger } from '../log.js';
import { createJsonFileBackend } from './backend.js';
import { effectiveEuria } from './euria-env.js';
import { defaultDataDir, defaultOutputDir } from './paths.js';
import { createSettingsStore } from './store.js';
import { tempDir } from '../../../test/support/temp-dir.js';

const dirs: string[] = [];
function scratchDir(): string {
  const dir = tempDir('aime-settings-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Polls (bounded: one second, the promise made to the user) for what a file watcher brings. */
async function until(probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('not seen within a second');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const clock = { now: () => new Date(2026, 0, 31, 21, 9, 50) };

function open(dataDir: string) {
  const log = createFileLogger({ dir: path.join(dataDir, 'logs') });
  return createSettingsStore({
    backendFactory: () => createJsonFileBackend(dataDir),
    file: path.join(dataDir, 'settings.json'),
    defaultOutputDir: path.join(dataDir, 'Scheduled Output'),
    clock,
    log: log.child('settings'),
  });
}

describe('settings store', () => {
  it('starts from the seed defaults and writes them to settings.json', () => {
    const dir = scratchDir();
    const store = open(dir);
    const settings = store.get();
    expect(settings.max_files_per_type).toBe(5);
    expect(settings.enabled).toBe(true);
    expect(settings.tasks.map((t) => [t.name, t.time, t.frequency, t.unit])).toEqual([
      ['generate_haiku_scheduled', '06:00', 1, 'day'],
      ['export_collection_markdown', '08:00', 1, 'day'],
      ['export_collection_json', '10:00', 1, 'day'],
      ['sync_collection', '05:30', 1, 'day'],
    ]);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.schema_version).toBe(4);
    expect(onDisk.api).toEqual({ enabled: true, port: 8000 });
    expect(onDisk.max_files_per_type).toBe(5);
  });

  it('adds sync_collection to settings written before it existed, keeping the three tasks as edited', () => {
    const dir = tempDir();
    const v1 = defaultSettings(path.join(dir, 'out'));
    v1.tasks = v1.tasks.filter((t) => t.name !== 'sync_collection');
    v1.tasks[0]!.time = '07:15';
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...v1, schema_version: 1 }));
    const settings = open(dir).get();
    expect(settings.tasks.map((t) => [t.name, t.time])).toEqual([
      ['generate_haiku_scheduled', '07:15'],
      ['export_collection_markdown', '08:00'],
      ['export_collection_json', '10:00'],
      ['sync_collection', '05:30'],
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).schema_version).toBe(4);
  });

  it('persists an update and reloads it in a new store', () => {
    const dir = scratchDir();
    open(dir).update((draft) => void (draft.max_files_per_type = 12));
    expect(open(dir).get().max_files_per_type).toBe(12);
  });

  it('refuses an invalid update with a message naming the field, and keeps the old value on disk', () => {
    const dir = scratchDir();
    const store = open(dir);
    const before = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(() => store.update((draft) => void (draft.max_files_per_type = 51))).toThrowError(
      /max_files_per_type: max_files_per_type must be between 1 and 50/,
    );
    expect(() => store.update((draft) => void (draft.tasks[0]!.time = '25:00'))).toThrow(AimeError);
    expect(store.get().max_files_per_type).toBe(5);
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('keeps settings.last-good.json, owner-only like settings.json, after every save', () => {
    const dir = scratchDir();
    const store = open(dir);
    store.update((draft) => void (draft.max_files_per_type = 12));
    const lastGood = path.join(dir, 'settings.last-good.json');
    expect(JSON.parse(fs.readFileSync(lastGood, 'utf8')).max_files_per_type).toBe(12);
    expect(fs.statSync(lastGood).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('takes a field broken by hand from settings.last-good.json, keeps the valid ones, and says so', () => {
    const dir = scratchDir();
    open(dir).update((draft) => {
      draft.max_files_per_type = 20;
      draft.tasks[1]!.time = '07:15';
    });
    const file = path.join(dir, 'settings.json');
    const broken = JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 999, enabled: false });
    fs.writeFileSync(file, broken);
    const store = open(dir);
    expect(store.get().max_files_per_type).toBe(20);
    expect(store.get().enabled).toBe(false);
    expect(store.get().tasks[1]!.time).toBe('07:15');
    expect(store.recovered).toBe(true);
    expect(store.loadWarnings).toEqual([
      'settings.json: max_files_per_type: max_files_per_type must be between 1 and 50; using 20 from settings.last-good.json',
    ]);
    // Reading never rewrites the file: the next process sees the same problem and says it again.
    expect(fs.readFileSync(file, 'utf8')).toBe(broken);
    expect(open(dir).recovered).toBe(true);
    const log = fs.readFileSync(path.join(dir, 'logs', 'aime.log'), 'utf8');
    expect(log).toMatch(/ - settings - WARN - settings\.json: max_files_per_type: .*using 20 from settings\.last-good\.json/);
  });

  it('uses the default for a broken field that has no last-good value', () => {
    const dir = scratchDir();
    const defaults = open(scratchDir()).get();
    const tasks = defaults.tasks.map((t) => (t.name === 'generate_haiku_scheduled' ? { ...t, time: '6:00' } : t));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ max_files_per_type: 9, tasks }));
    const store = open(dir);
    expect(store.get().max_files_per_type).toBe(9);
    expect(store.get().tasks[0]!.time).toBe('06:00');
    expect(store.loadWarnings).toEqual([
      'settings.json: tasks.generate_haiku_scheduled.time: time must be HH:MM in 24-hour local time, e.g. "06:00"; using "06:00" (the default)',
    ]);
  });

  it('replaces a weekly task whose day no longer fits as a whole, rather than half of it', () => {
    const dir = scratchDir();
    const defaults = open(scratchDir()).get();
    const tasks = defaults.tasks.map((t, i) => (i === 2 ? { ...t, unit: 'week', day: 'someday' } : t));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ tasks }));
    const store = open(dir);
    expect(store.get().tasks[2]).toEqual(defaults.tasks[2]);
    expect(store.loadWarnings).toHaveLength(1);
    expect(store.loadWarnings[0]).toMatch(/^settings\.json: tasks\.export_collection_json: .*using its whole group \(the default\)$/);
  });

  it('says each warning as a code too, for the window and the CLI to say in their language', () => {
    const dir = scratchDir();
    open(dir).update((draft) => void (draft.euria.api_key = 'sk-good-key'));
    const file = path.join(dir, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    const tasks = raw.tasks.map((t: { name: string }, i: number) => (i === 2 ? { ...t, unit: 'week', day: 'someday' } : t));
    fs.writeFileSync(file, JSON.stringify({ ...raw, max_files_per_type: 999, euria: { ...raw.euria, api_key: 42 }, tasks }));
    const store = open(dir);
    const said = (locale: 'fr' | 'en') => store.loadNotices.map((notice) => renderMessage(notice.text, locale));
    expect(store.loadNotices.map((notice) => notice.line)).toEqual(store.loadWarnings);
    expect(said('fr').sort()).toEqual(
      [
        'settings.json : euria.api_key n’était pas valide ; la clé enregistrée (masquée) de settings.last-good.json est utilisé jusqu’à ce que les réglages soient enregistrés.',
        'settings.json : max_files_per_type n’était pas valide ; 5 de settings.last-good.json est utilisé jusqu’à ce que les réglages soient enregistrés.',
        'settings.json : tasks.export_collection_json n’était pas valide ; tout le groupe de settings.last-good.json est utilisé jusqu’à ce que les réglages soient enregistrés.',
      ].sort(),
    );
    expect(said('en').join('\n')).not.toMatch(/sk-good-key|must be/);

    fs.writeFileSync(file, '');
    expect(open(dir).loadNotices.map((notice) => renderMessage(notice.text, 'fr'))).toEqual([
      'settings.json est inutilisable (il est vide) ; toutes les valeurs de settings.last-good.json sont utilisées jusqu’à ce que les réglages soient enregistrés.',
    ]);
  });

  it.each([
    ['empty', '', 'it is empty'],
    ['garbage', '{"max_files_per_type": 9, "euria": {"api_key": "sk-secret-42"', 'it is not valid JSON'],
    ['not an object', '[1, 2]', 'it is not a JSON object'],
  ])('uses every last-good value when the file is %s, without quoting it', (_name, text, reason) => {
    const dir = scratchDir();
    open(dir).update((draft) => void (draft.max_files_per_type = 20));
    fs.writeFileSync(path.join(dir, 'settings.json'), text);
    const store = open(dir);
    expect(store.get().max_files_per_type).toBe(20);
    expect(store.loadWarnings).toEqual([
      `settings.json is unusable (${reason}); using every value from settings.last-good.json until the settings are saved`,
    ]);
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(text);
    const log = fs.readFileSync(path.join(dir, 'logs', 'aime.log'), 'utf8');
    expect(log).not.toContain('sk-secret-42');
    expect(log).not.toContain('"max_files_per_type": 9');
  });

  it('uses the defaults for an unusable file with no last-good copy', () => {
    const dir = scratchDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"max_files_per_type": 9,');
    const store = open(dir);
    expect(store.get().max_files_per_type).toBe(5);
    expect(store.loadWarnings[0]).toBe(
      'settings.json is unusable (it is not valid JSON); using the defaults (there is no last-good copy) until the settings are saved',
    );
  });

  it('never shows a key in what it says about a broken one', () => {
    const dir = scratchDir();
    open(dir).update((draft) => void (draft.euria.api_key = 'sk-good-key'));
    const file = path.join(dir, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.euria.api_key = 'x'.repeat(5000);
    fs.writeFileSync(file, JSON.stringify(raw));
    const store = open(dir);
    expect(store.get().euria.api_key).toBe('sk-good-key');
    expect(store.loadWarnings.join('\n')).toMatch(/euria\.api_key: .*using the saved key \(hidden\) from settings\.last-good\.json/);
    expect(store.loadWarnings.join('\n')).not.toContain('sk-good-key');
    expect(store.loadWarnings.join('\n')).not.toContain('xxxx');
  });

  it('ends the recovered state at the next save, keeping the broken file aside for its author', () => {
    const dir = scratchDir();
    open(dir);
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, 'not json');
    const store = open(dir);
    expect(store.recovered).toBe(true);
    store.update((draft) => void (draft.enabled = false));
    expect(store.recovered).toBe(false);
    expect(store.loadWarnings).toEqual([]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).enabled).toBe(false);
    const aside = path.join(dir, 'settings.invalid-20260131-210950.json');
    expect(fs.readFileSync(aside, 'utf8')).toBe('not json');
    expect(fs.statSync(aside).mode & 0o777).toBe(0o600);
    expect(open(dir).recovered).toBe(false);
  });

  it('fills in groups a file from before was missing, keeping its values', () => {
    const dir = scratchDir();
    const first = open(dir);
    first.update((draft) => void (draft.max_files_per_type = 7));
    const raw = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'));
    delete raw.desktop;
    delete raw.schema_version;
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(raw));
    const store = open(dir);
    expect(store.get().max_files_per_type).toBe(7);
    expect(store.get().desktop.notify_on_failure).toBe(true);
    expect(store.loadWarnings).toEqual([]);
  });

  it('migrates a version 1 file: the API is served on the seed\'s port, other values kept', () => {
    const dir = scratchDir();
    const first = open(dir);
    first.update((draft) => void (draft.max_files_per_type = 7));
    const file = path.join(dir, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete raw.api;
    raw.schema_version = 1;
    fs.writeFileSync(file, JSON.stringify(raw));
    const store = open(dir);
    expect(store.get().api).toEqual({ enabled: true, port: 8000 });
    expect(store.get().max_files_per_type).toBe(7);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schema_version: 4, api: { enabled: true, port: 8000 } });
  });

  it('refuses settings from a newer version without losing them', () => {
    const dir = scratchDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ schema_version: 99 }));
    const store = open(dir);
    expect(store.loadWarnings[0]).toMatch(/newer AIME Scheduler/);
  });

  it('sees within a second a change another process wrote to the shared file (aime config set while serve runs)', async () => {
    const dir = scratchDir();
    const running = open(dir);
    running.watch();
    try {
      const seen: Array<[number, number]> = [];
      running.onChange((settings, previous) => seen.push([previous.max_files_per_type, settings.max_files_per_type]));
      open(dir).update((draft) => void (draft.max_files_per_type = 17));
      await until(() => seen.length > 0);
      expect(running.get().max_files_per_type).toBe(17);
      expect(seen).toEqual([[5, 17]]);
    } finally {
      running.close();
    }
  });

  it('sees a hand edit written straight into settings.json, once, and ignores its own writes', async () => {
    const dir = scratchDir();
    const running = open(dir);
    running.watch();
    try {
      const seen: number[] = [];
      running.onChange((settings) => seen.push(settings.max_files_per_type));
      running.update((draft) => void (draft.max_files_per_type = 6));
      const file = path.join(dir, 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 23 }, null, 2));
      await until(() => seen.length > 1);
      expect(seen).toEqual([6, 23]);
      // A quiet moment more: neither the hand edit nor our own write is reported twice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toEqual([6, 23]);
    } finally {
      running.close();
    }
  });

  it('recovers an invalid value another writer leaves, field by field, and says so', async () => {
    const dir = scratchDir();
    const running = open(dir);
    running.watch();
    try {
      const file = path.join(dir, 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 99 }));
      const logFile = path.join(dir, 'logs', 'aime.log');
      await until(() => fs.existsSync(logFile) && /settings changed on disk but are invalid/.test(fs.readFileSync(logFile, 'utf8')));
      expect(running.get().max_files_per_type).toBe(5);
      expect(fs.readFileSync(logFile, 'utf8')).toMatch(/settings changed on disk but are invalid: settings\.json: max_files_per_type: /);
      expect(running.recovered).toBe(true);
    } finally {
      running.close();
    }
  });

  it('opening and reading settings that need no repair leaves the file untouched', () => {
    const dir = scratchDir();
    open(dir).update((draft) => void (draft.max_files_per_type = 8));
    const file = path.join(dir, 'settings.json');
    const old = new Date(2020, 0, 1);
    fs.utimesSync(file, old, old);
    const before = fs.statSync(file).mtimeMs;
    const store = open(dir);
    for (let i = 0; i < 3; i++) expect(store.get().max_files_per_type).toBe(8);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('notifies listeners with the new settings', () => {
    const store = open(scratchDir());
    const seen: number[] = [];
    const off = store.onChange((s) => seen.push(s.max_files_per_type));
    store.update((draft) => void (draft.max_files_per_type = 8));
    off();
    store.update((draft) => void (draft.max_files_per_type = 9));
    expect(seen).toEqual([8]);
  });
});

describe('EurIA environment overrides', () => {
  const stored = {
    url: 'https://a.example/v1/chat/completions',
    model: 'm1',
    api_key: 'k1',
    key_origin: 'https://a.example',
    timeout_ms: 45000,
    concurrency: 3,
    deadline_ms: 60000,
  };
  it('lets AIME_EURIA_* win over stored values and says which', () => {
    const { euria, fromEnv } = effectiveEuria(stored, { AIME_EURIA_MODEL: 'm2', AIME_EURIA_API_KEY: 'k2' });
    expect(euria).toEqual({ ...stored, model: 'm2', api_key: 'k2' });
    expect(fromEnv).toEqual(['api_key', 'model']);
  });
  it('ignores empty variables', () => {
    expect(effectiveEuria(stored, { AIME_EURIA_URL: '' }).euria.url).toBe(stored.url);
  });
  it('never hands the stored key to another origin than the one it was entered for', () => {
    const moved = { ...stored, url: 'http://127.0.0.1:9/steal' };
    expect(effectiveEuria(moved, {})).toMatchObject({ euria: { api_key: '' }, keyWithheld: true });
    expect(effectiveEuria(stored, { AIME_EURIA_URL: 'http://127.0.0.1:9/steal' }).euria.api_key).toBe('');
    expect(effectiveEuria(stored, { AIME_EURIA_URL: 'https://a.example/other/path' }).euria.api_key).toBe('k1');
    expect(effectiveEuria(moved, { AIME_EURIA_API_KEY: 'k2' }).euria.api_key).toBe('k2');
  });
});

describe('default folders', () => {
  it('uses the per-OS folder Electron would use for userData', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/AIME Scheduler');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/AIME Scheduler');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/AIME Scheduler');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      path.join('C:\\Users\\u\\AppData\\Roaming', 'AIME Scheduler'),
    );
  });
  it('puts exports in ~/Documents/AIME/Scheduled Output, or in the data folder without Documents', () => {
    const home = scratchDir();
    expect(defaultOutputDir('/data', home)).toBe('/data/Scheduled Output');
    fs.mkdirSync(path.join(home, 'Documents'));
    expect(defaultOutputDir('/data', home)).toBe(path.join(home, 'Documents', 'AIME', 'Scheduled Output'));
  });
});
