/**
 * Settings changes are events (DESIGN.md §6): whichever door changes the settings — the API,
 * or another process writing settings.json — the timers are re-armed and `config-changed` is
 * emitted, once; and reading the status has no side effect at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AimeEvent } from '../shared/api.js';
import type { Core } from '../electron/core/app.js';
import { createFakeClock } from './support/fake-clock.js';
import { createFakeTimers, type FakeTimers } from './support/fake-timers.js';
import { createIsolatedCore } from './support/isolated-core.js';
import { tempDir } from './support/temp-dir.js';

let data: string;
let home: string;
let timers: FakeTimers;
const opened: Core[] = [];
const clock = createFakeClock(new Date(2026, 0, 31, 21, 2, 2));

async function core(): Promise<Core> {
  const made = await createIsolatedCore({ dataDir: data, homeDir: home, clock, timers: timers.timers });
  opened.push(made);
  return made;
}

/** Everything a read could write: the settings file's mtime, the run store's rows and the armed timers. */
function snapshot(c: Core) {
  const file = path.join(data, 'settings.json');
  return {
    settingsMtime: fs.statSync(file).mtimeMs,
    settingsText: fs.readFileSync(file, 'utf8'),
    taskState: c.db.prepare('SELECT * FROM task_state ORDER BY task').all(),
    runs: c.db.prepare('SELECT * FROM runs ORDER BY id').all(),
    timers: timers.pending().map((d) => d.getTime()),
  };
}

/** Bounded poll for what a file watcher brings: the promise to the user is "within a second". */
async function within(ms: number, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(() => {
  data = tempDir('aime-events-');
  home = tempDir('aime-home-');
  timers = createFakeTimers();
});
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('reading the status', () => {
  it('writes nothing and re-arms nothing in the process that runs the scheduler', async () => {
    const running = await core();
    await running.start();
    // Settings changed by hand a moment ago (an editor): the watcher brings them in and re-arms;
    // a read in the meantime shows the schedule the timers use, and neither saves nor arms.
    const file = path.join(data, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.tasks[2].time = '11:15';
    fs.writeFileSync(file, JSON.stringify(raw));
    const before = snapshot(running);
    for (let i = 0; i < 3; i++) {
      const status = await running.api.status();
      expect(status.tasks.find((t) => t.name === 'export_collection_json')!.next_run_at).toBe('2026-02-01T10:00:00.000+01:00');
      await running.api.getConfig();
      await running.api.history();
    }
    expect(snapshot(running)).toEqual(before);
    await within(1000, () => timers.pending().some((d) => d.getHours() === 11 && d.getMinutes() === 15));
    const status = await running.api.status();
    expect(status.tasks.find((t) => t.name === 'export_collection_json')!.next_run_at).toBe('2026-02-01T11:15:00.000+01:00');
  });

  it('writes nothing when a process that only reads (aime status) opens the data folder', async () => {
    const first = await core();
    await first.api.setMaxFilesPerType(9);
    await first.close();
    const file = path.join(data, 'settings.json');
    const old = new Date(2020, 0, 1);
    fs.utimesSync(file, old, old);
    const reader = await core();
    const before = snapshot(reader);
    expect(before.settingsMtime).toBe(old.getTime());
    const status = await reader.api.status();
    expect(status.tasks.map((t) => t.next_run_at)).toEqual([
      '2026-02-01T06:00:00.000+01:00',
      '2026-02-01T08:00:00.000+01:00',
      '2026-02-01T10:00:00.000+01:00',
      '2026-02-01T05:30:00.000+01:00',
    ]);
    expect(snapshot(reader)).toEqual(before);
  });
});

describe('a settings change from any door', () => {
  it('through the API: timers re-armed at once and one config-changed event', async () => {
    const running = await core();
    await running.start();
    const events: AimeEvent[] = [];
    running.api.subscribe((e) => events.push(e));
    await running.api.updateTask('generate_haiku_scheduled', { time: '07:45' });
    expect(timers.pending().map((d) => d.getHours() * 60 + d.getMinutes())).toContain(7 * 60 + 45);
    expect(events.filter((e) => e.type === 'config-changed')).toHaveLength(1);
    await running.api.setMaxFilesPerType(12);
    const changed = events.filter((e) => e.type === 'config-changed');
    expect(changed).toHaveLength(2);
    expect(changed[1]).toMatchObject({ config: { max_files_per_type: 12 } });
  });

  it('from another process writing settings.json: seen within a second, timers re-armed, one event', async () => {
    const running = await core();
    await running.start();
    const events: AimeEvent[] = [];
    running.api.subscribe((e) => events.push(e));
    // Another process (`aime config set` without a host, or an editor) changes the schedule.
    const other = await createIsolatedCore({ dataDir: data, homeDir: home, clock });
    await other.api.updateTask('export_collection_markdown', { time: '09:05' });
    await other.close();
    await within(1000, () => events.some((e) => e.type === 'config-changed'));
    expect(events.find((e) => e.type === 'config-changed')).toMatchObject({
      config: { tasks: expect.arrayContaining([expect.objectContaining({ name: 'export_collection_markdown', time: '09:05' })]) },
    });
    expect(timers.pending().map((d) => d.getHours() * 60 + d.getMinutes())).toContain(9 * 60 + 5);
    expect(running.settings.get().tasks[1]!.time).toBe('09:05');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.filter((e) => e.type === 'config-changed')).toHaveLength(1);
  });

  it('a file broken by hand meanwhile: the recovered state is announced within a second, and cleared by a save', async () => {
    const running = await core();
    await running.start();
    const events: AimeEvent[] = [];
    running.api.subscribe((e) => events.push(e));
    const file = path.join(data, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 'many' }));
    await within(1000, () => events.some((e) => e.type === 'config-changed'));
    expect((await running.api.status()).warnings).toEqual([
      'settings.json: max_files_per_type: max_files_per_type must be a number; using 5 from settings.last-good.json',
    ]);
    await running.api.setMaxFilesPerType(6);
    expect(events.filter((e) => e.type === 'config-changed')).toHaveLength(2);
    expect((await running.api.status()).warnings).toEqual([]);
  });
});
