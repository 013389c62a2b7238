import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AimeEvent } from '../../../shared/api.js';
import { AimeError } from '../../../shared/contract.js';
import type { Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { isoLocal } from '../time-format.js';
import { createRunner, INTERRUPTED_MESSAGE, type Runner } from './runner.js';
import { createFakeClock, type FakeClock } from '../../../test/support/fake-clock.js';
import { createFileTask, type FileTask } from '../../../test/support/file-task.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb } from '../../../test/support/test-collection.js';
import { english, msg } from '../../../shared/messages/index.js';

let dir: string;
let out: string;
let db: Db;
let clock: FakeClock;
let task: FileTask;
let events: AimeEvent[];
let runner: Runner;
const dbs: Db[] = [];

function makeRunner(database: Db, t: FileTask = task, sink: AimeEvent[] = events): Runner {
  return createRunner({ db: database, clock, log: createMemoryLogger(), execute: t.execute, onEvent: (e) => sink.push(e) });
}

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
  db = createTestDb(dir);
  dbs.push(db);
  clock = createFakeClock(new Date(2026, 0, 31, 21, 2, 2, 863));
  task = createFileTask(out, clock);
  events = [];
  runner = makeRunner(db);
});

afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(child.status).toBe(0);
  return child.pid!;
}

describe('runner', () => {
  it('records a completed run with its file, emits started/finished, and times the result at the finish', async () => {
    const result = await runner.run('export_collection_json', 'api');
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(result.file!, 'utf8')).toBe('export_collection_json api run 1\n');
    expect(result.timestamp).toBe('2026-01-31T21:02:02.863+01:00');
    expect(result.album_count).toBe(1);
    const [run] = runner.history();
    expect(run).toMatchObject({
      id: result.run_id,
      task: 'export_collection_json',
      trigger: 'api',
      started_at: '2026-01-31T21:02:02.863+01:00',
      finished_at: '2026-01-31T21:02:02.863+01:00',
      status: 'completed',
      file: result.file,
      album_count: 1,
      warnings: [],
      error: null,
    });
    expect(events.map((e) => e.type)).toEqual(['run-started', 'run-finished']);
    expect(events[0]).toMatchObject({ type: 'run-started', run: { status: 'running', finished_at: null } });
    expect(events[1]).toEqual({ type: 'run-finished', run });
    const pid = db.prepare('SELECT pid FROM runs WHERE id = ?').pluck().get(result.run_id);
    expect(pid).toBe(process.pid);
  });

  it('a failing task resolves as failed with its error (never throws, never "completed")', async () => {
    task.failNext('output folder /nope is read-only');
    const result = await runner.run('export_collection_markdown', 'manual');
    expect(result).toMatchObject({ status: 'failed', error: 'output folder /nope is read-only', file: null });
    expect(runner.lastRun('export_collection_markdown')).toMatchObject({ status: 'failed', error: 'output folder /nope is read-only' });
    expect(runner.isRunning('export_collection_markdown')).toBe(false);
    // The next run works again.
    expect((await runner.run('export_collection_markdown', 'manual')).status).toBe('completed');
  });

  it('a skipped outcome is recorded as skipped with its reason', async () => {
    const skipping = createRunner({
      db,
      clock,
      log: createMemoryLogger(),
      onEvent: () => {},
      execute: async () => ({
        status: 'skipped',
        file: null,
        albumCount: 0,
        warnings: [],
        deleted: [],
        message: msg('skip.empty_haiku'),
      }),
    });
    const result = await skipping.run('generate_haiku_scheduled', 'tray');
    expect(result).toMatchObject({ status: 'skipped', error: english(msg('skip.empty_haiku')), text: msg('skip.empty_haiku'), file: null });
    expect(skipping.lastRun('generate_haiku_scheduled')?.status).toBe('skipped');
  });

  it('refuses a second run of the same task while it runs, but lets other tasks run side by side', async () => {
    task.hold();
    const first = runner.run('generate_haiku_scheduled', 'schedule');
    expect(runner.isRunning('generate_haiku_scheduled')).toBe(true);
    clock.advance(5000);
    const second = runner.run('generate_haiku_scheduled', 'api');
    await expect(second).rejects.toBeInstanceOf(AimeError);
    await expect(second).rejects.toMatchObject({
      code: 'already_running',
      message: 'generate_haiku_scheduled is already running (started 21:02:02)',
    });
    const other = runner.run('export_collection_json', 'api');
    expect(runner.isRunning('export_collection_json')).toBe(true);
    task.release();
    const [a, b] = await Promise.all([first, other]);
    expect(a.status).toBe('completed');
    expect(b.status).toBe('completed');
    expect(runner.history().filter((r) => r.task === 'generate_haiku_scheduled')).toHaveLength(1);
    expect(task.calls.map((c) => c.task)).toEqual(['generate_haiku_scheduled', 'export_collection_json']);
  });

  it('refuses a run while another process (a second runner on its own connection) runs the task', async () => {
    const otherDb = createTestDb(dir);
    dbs.push(otherDb);
    const otherTask = createFileTask(out, clock);
    const otherEvents: AimeEvent[] = [];
    const other = makeRunner(otherDb, otherTask, otherEvents);
    task.hold();
    const first = runner.run('export_collection_markdown', 'schedule');
    await expect(other.run('export_collection_markdown', 'cli')).rejects.toMatchObject({
      code: 'already_running',
      message: 'export_collection_markdown is already running (started 21:02:02)',
    });
    expect(other.isRunning('export_collection_markdown')).toBe(true);
    expect(otherTask.calls).toHaveLength(0);
    expect(otherEvents).toHaveLength(0);
    // The other process's recovery must not take a live run for an interrupted one.
    expect(other.recoverInterrupted()).toBe(0);
    task.release();
    await first;
    expect(other.isRunning('export_collection_markdown')).toBe(false);
    expect((await other.run('export_collection_markdown', 'cli')).status).toBe('completed');
  });

  it('50 concurrent triggers of one task (two connections): one run, 49 refused, one whole file', async () => {
    const otherDb = createTestDb(dir);
    dbs.push(otherDb);
    const other = makeRunner(otherDb);
    task.hold();
    const calls = Array.from({ length: 50 }, (_, i) => (i % 2 ? other : runner).run('export_collection_json', 'api'));
    task.release();
    const settled = await Promise.allSettled(calls);
    const done = settled.filter((r) => r.status === 'fulfilled');
    const refused = settled.filter((r) => r.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'already_running' });
    expect(task.calls).toHaveLength(1);
    expect(fs.readdirSync(out)).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, fs.readdirSync(out)[0]!), 'utf8')).toBe('export_collection_json api run 1\n');
    expect(runner.history()).toHaveLength(1);
  });

  it('claims a scheduled occurrence once: a second run of the same occurrence is refused, here or elsewhere', async () => {
    const occurrence = new Date(2026, 0, 31, 21, 0);
    expect((await runner.run('export_collection_json', 'schedule', occurrence)).status).toBe('completed');
    await expect(runner.run('export_collection_json', 'schedule', occurrence)).rejects.toMatchObject({
      code: 'already_running',
      message: expect.stringContaining('already claimed'),
    });
    const otherDb = createTestDb(dir);
    dbs.push(otherDb);
    await expect(makeRunner(otherDb).run('export_collection_json', 'catch-up', occurrence)).rejects.toMatchObject({
      code: 'already_running',
    });
    // A manual run (no occurrence) is not affected, nor is another occurrence.
    expect((await runner.run('export_collection_json', 'manual')).status).toBe('completed');
    expect((await runner.run('export_collection_json', 'schedule', new Date(2026, 1, 1, 21, 0))).status).toBe('completed');
    expect(runner.history().map((r) => r.trigger)).toEqual(['schedule', 'manual', 'schedule']);
  });

  it('recoverInterrupted marks runs of dead processes (or of our pid in an earlier life) as failed, not live ones', async () => {
    const insert = db.prepare(
      `INSERT INTO runs (task, trigger, started_at, status, pid, owner) VALUES (?, 'schedule', ?, 'running', ?, ?)`,
    );
    const dead = Number(insert.run('generate_haiku_scheduled', '2026-01-31T06:00:00.000+01:00', deadPid(), 'x').lastInsertRowid);
    const reused = Number(
      insert.run('export_collection_markdown', '2026-01-31T08:00:00.000+01:00', process.pid, 'previous-life').lastInsertRowid,
    );
    task.hold();
    const live = runner.run('export_collection_json', 'api');
    // The dead process's row doesn't block a new run of its task.
    expect(runner.isRunning('generate_haiku_scheduled')).toBe(false);
    expect(runner.isRunning('export_collection_markdown')).toBe(false);

    clock.advance(60_000);
    events.length = 0;
    expect(runner.recoverInterrupted()).toBe(2);
    for (const id of [dead, reused]) {
      const row = runner.history().find((r) => r.id === id);
      expect(row).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE, finished_at: isoLocal(clock.now()) });
    }
    expect(events.map((e) => e.type)).toEqual(['run-finished', 'run-finished']);
    expect(runner.lastRun('export_collection_json')?.status).toBe('running');
    expect(runner.recoverInterrupted()).toBe(0);
    task.release();
    expect((await live).status).toBe('completed');
  });

  it('history is newest first and limited; idle() waits for runs in progress', async () => {
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      await runner.run('export_collection_json', 'manual');
    }
    expect(runner.history(2).map((r) => r.id)).toEqual([4, 3]);
    expect(runner.history().length).toBe(4);
    task.hold();
    const running = runner.run('generate_haiku_scheduled', 'manual');
    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    task.release();
    await waiting;
    expect(idle).toBe(true);
    expect((await running).status).toBe('completed');
  });

  it('an event listener that throws does not fail the run', async () => {
    const noisy = createRunner({
      db,
      clock,
      log: createMemoryLogger(),
      execute: task.execute,
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect((await noisy.run('export_collection_json', 'api')).status).toBe('completed');
  });
});
