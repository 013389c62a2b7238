/**
 * The scheduler driving the real tasks (executeTask: haiku with the local writer, Markdown,
 * JSON, retention) on a real collection and output folder, with a fake clock: what a user
 * sees in the folder after a few days.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { createLocalHaikuWriter } from '../haiku/index.js';
import { createMemoryLogger } from '../log.js';
import { executeTask } from '../tasks/index.js';
import { createRunner } from './runner.js';
import { createScheduler } from './scheduler.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createFakeTimers, runUntil } from '../../../test/support/fake-timers.js';
import { testSettings } from '../../../test/support/file-task.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb } from '../../../test/support/test-collection.js';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = tempDir();
  db = createTestDb(dir);
  const album = db.prepare(`INSERT INTO albums (title, year, support, source, created_at) VALUES (?, ?, ?, 'aime', ?)`);
  const artist = db.prepare(`INSERT INTO artists (name) VALUES (?)`);
  const credit = db.prepare(`INSERT INTO album_artists (album_id, position, artist_id) VALUES (?, 0, ?)`);
  const albums: Array<[string, number, string]> = [
    ['461 Ocean Boulevard', 1974, 'Eric Clapton'],
    ['T.V. Sky', 1992, 'The Young Gods'],
    ['Kind of Blue', 1959, 'Miles Davis'],
  ];
  for (const [title, year, name] of albums) {
    const albumId = album.run(title, year, 'Vinyle', '2026-01-01T00:00:00.000+01:00').lastInsertRowid;
    credit.run(albumId, artist.run(name).lastInsertRowid);
  }
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('three days of schedule with the real tasks: one file per task per day, retention keeps the newest, history matches', async () => {
  const out = path.join(dir, 'Scheduled Output');
  const clock = createFakeClock(new Date(2026, 1, 2, 5, 0));
  const settings = testSettings(out);
  settings.max_files_per_type = 2;
  const log = createMemoryLogger([], 'app.services.scheduler_service', () => clock.now());
  const haiku = createLocalHaikuWriter();
  const runner = createRunner({
    db,
    clock,
    log,
    onEvent: () => {},
    execute: (task) =>
      executeTask(task, {
        db,
        outputDir: out,
        maxFilesPerType: settings.max_files_per_type,
        clock,
        log,
        haiku,
        haikuLanguage: 'fr',
      }),
  });
  const timers = createFakeTimers();
  const scheduler = createScheduler({ db, clock, log, runner, getSettings: () => settings, timers: timers.timers });
  await scheduler.start();
  const machine = { clock, timers, runner, lastTick: clock.now().getTime() };
  try {
    await runUntil(machine, new Date(2026, 1, 5, 5, 0));
  } finally {
    await scheduler.stop();
  }

  const history = runner.history(100);
  expect(history).toHaveLength(9);
  expect(history.every((r) => r.status === 'completed' && r.trigger === 'schedule')).toBe(true);
  expect(fs.readdirSync(out).sort()).toEqual([
    'export-json-20260203-100000.json',
    'export-json-20260204-100000.json',
    'export-markdown-20260203-080000.md',
    'export-markdown-20260204-080000.md',
    'generate-haiku-20260203-060000.md',
    'generate-haiku-20260204-060000.md',
  ]);
  const json = JSON.parse(fs.readFileSync(path.join(out, 'export-json-20260204-100000.json'), 'utf8')) as {
    total_albums: number;
  };
  expect(json.total_albums).toBe(3);
  expect(fs.readFileSync(path.join(out, 'generate-haiku-20260204-060000.md'), 'utf8')).toContain(
    '# 🎵 Haikus Générés - Sélection Aléatoire\n\nGénéré: 04/02/2026 06:00:00\n',
  );
  expect(runner.lastRun('export_collection_markdown')).toMatchObject({
    started_at: '2026-02-04T08:00:00.000+01:00',
    file: path.join(out, 'export-markdown-20260204-080000.md'),
    album_count: 3,
  });
});
