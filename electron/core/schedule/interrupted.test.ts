/**
 * The fault of issue 3: `kill -9` during an export, then start again. The lock is recovered and
 * history shows the interrupted run as failed. A real child process, really killed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../collection/database.js';
import { createMemoryLogger } from '../log.js';
import { acquireDataLock } from './data-lock.js';
import { createRunner, INTERRUPTED_MESSAGE } from './runner.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createFileTask } from '../../../test/support/file-task.js';
import { tempDir } from '../../../test/support/temp-dir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
let dir: string;
let db: Db | undefined;

afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('kill -9 during a run: the lock is recovered and the run shows as failed "interrupted"', async () => {
  dir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/hang-during-run.ts'), dir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /started (\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before its run started: ${stderr}`)));
  });

  db = openDatabase(path.join(dir, 'collection.db'));
  const clock = createFakeClock(new Date(2026, 0, 31, 21, 5, 0));
  const task = createFileTask(path.join(dir, 'out'), clock);
  const runner = createRunner({ db, clock, log: createMemoryLogger(), execute: task.execute, onEvent: () => {} });

  // While it lives: the folder is locked and its run blocks ours, both naming its pid.
  expect(() => acquireDataLock(dir)).toThrow(`is used by another AIME process (pid ${child.pid})`);
  await expect(runner.run('export_collection_json', 'api')).rejects.toMatchObject({
    code: 'already_running',
    message: expect.stringContaining(`in another AIME process (pid ${child.pid})`),
  });
  expect(runner.recoverInterrupted()).toBe(0);

  child.kill('SIGKILL');
  await once(child, 'exit');

  const lock = acquireDataLock(dir);
  expect(runner.isRunning('export_collection_json')).toBe(false);
  expect(runner.recoverInterrupted()).toBe(1);
  const [run] = runner.history();
  expect(run).toMatchObject({
    id: started,
    task: 'export_collection_json',
    trigger: 'api',
    status: 'failed',
    error: INTERRUPTED_MESSAGE,
    finished_at: '2026-01-31T21:05:00.000+01:00',
  });
  // The task runs again normally afterwards.
  expect((await runner.run('export_collection_json', 'api')).status).toBe('completed');
  lock.release();
});
