/**
 * The B1 reproduction from issue 15, with the real `aime` command: one field of settings.json
 * edited by hand must not reset every setting, and the next export must not prune older
 * exports on the strength of a default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aime } from './support/cli.js';
import { createIsolatedCore } from './support/isolated-core.js';
import { tempDir } from './support/temp-dir.js';

vi.setConfig({ testTimeout: 120_000 });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a settings field broken by hand (B1)', () => {
  it('keeps max_files_per_type = 20 and all 12 older exports, and says so on stderr', () => {
    const data = tempDir('aime-b1-data-');
    const output = tempDir('aime-b1-out-');
    dirs.push(data, output);
    expect(aime(['config', 'set', 'output_dir', output, '--data', data]).code).toBe(0);
    expect(aime(['config', 'set', 'max_files_per_type', '20', '--data', data]).code).toBe(0);
    // Something to export: an empty collection's export is skipped, writing nothing and deleting nothing.
    expect(aime(['import', '--demo', '--data', data]).code).toBe(0);
    for (let day = 1; day <= 12; day++) {
      const name = `export-json-202601${String(day).padStart(2, '0')}-100000.json`;
      fs.writeFileSync(path.join(output, name), '{}');
    }
    const file = path.join(data, 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    settings.tasks[0].time = '6:00';
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));

    const status = aime(['status', '--data', data]);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      'aime: warning: settings.json: tasks.generate_haiku_scheduled.time: time must be HH:MM in 24-hour local time, e.g. "06:00"; using "06:00" from settings.last-good.json',
    );

    const run = aime(['run', 'export_collection_json', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: Old files were kept: some settings were repaired and are not saved yet/);
    expect(fs.readdirSync(output).filter((n) => n.startsWith('export-json-'))).toHaveLength(13);
    expect(JSON.parse(aime(['config', 'get', '--data', data]).stdout).max_files_per_type).toBe(20);
  });
});

describe('a collection.db missing next to existing settings', () => {
  it('is said on stderr once, when the new empty collection is created', () => {
    const data = tempDir('aime-missing-db-');
    dirs.push(data);
    expect(aime(['import', '--demo', '--data', data]).code).toBe(0);
    for (const name of ['collection.db', 'collection.db-wal', 'collection.db-shm']) fs.rmSync(path.join(data, name), { force: true });
    const first = aime(['status', '--data', data]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('aime: warning: collection.db was not found; a new empty collection was created');
    expect(first.stdout).toMatch(/^collection: 0 albums/m);
    const again = aime(['status', '--data', data]);
    expect(again.stderr).not.toContain('collection.db was not found');
  });
});

describe('status carries the warnings', () => {
  it('says the collection was found missing (the window and the tray show status.warnings)', async () => {
    const data = tempDir('aime-status-missing-');
    const home = tempDir('aime-status-home-');
    dirs.push(data, home);
    const first = await createIsolatedCore({ dataDir: data, homeDir: home });
    await first.api.setMaxFilesPerType(9);
    await first.close();
    for (const name of ['collection.db', 'collection.db-wal', 'collection.db-shm']) fs.rmSync(path.join(data, name), { force: true });
    const core = await createIsolatedCore({ dataDir: data, homeDir: home });
    try {
      expect((await core.api.status()).warnings).toEqual(['collection.db was not found; a new empty collection was created']);
    } finally {
      await core.close();
    }
  });

  it('names the recovered field, says retention waits, and clears at the next save', async () => {
    const data = tempDir('aime-status-warn-');
    const home = tempDir('aime-status-home-');
    dirs.push(data, home);
    const first = await createIsolatedCore({ dataDir: data, homeDir: home });
    await first.api.setMaxFilesPerType(20);
    await first.close();
    const file = path.join(data, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 'twenty' }));
    const core = await createIsolatedCore({ dataDir: data, homeDir: home });
    try {
      const status = await core.api.status();
      expect(status.settings_recovered).toBe(true);
      expect(status.warnings).toEqual([
        'settings.json: max_files_per_type: max_files_per_type must be a number; using 20 from settings.last-good.json',
      ]);
      expect(status.log_failures).toBe(0);
      await core.api.setCatchUpMissedRuns(false);
      expect(await core.api.status()).toMatchObject({ settings_recovered: false, warnings: [] });
    } finally {
      await core.close();
    }
  });
});
