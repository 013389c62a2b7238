import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { createRunStore, isRefusal } from './run-store.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createTestDb } from '../../../test/support/test-collection.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = createTestDb(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('run history size', () => {
  it('keeps the newest runs of each task and drops older finished ones', () => {
    const store = createRunStore(db, 3);
    const run = (task: 'export_collection_json' | 'export_collection_markdown', occurrence: string | null = null) => {
      const claimed = store.claim({ task, trigger: 'manual', startedAt: 'now', occurrence, pid: process.pid, owner: 'test' });
      if (isRefusal(claimed)) throw new Error('refused');
      return store.finish(claimed.id, { status: 'completed', finishedAt: 'now', file: null, albumCount: 0, warnings: [], error: null, text: null, warningTexts: [] });
    };
    const json = Array.from({ length: 6 }, () => run('export_collection_json').id);
    const markdown = [run('export_collection_markdown').id, run('export_collection_markdown').id];
    const ids = store.history(100).map((r) => r.id);
    expect(ids).toEqual([...markdown.reverse(), ...json.slice(-3).reverse()]);
  });

  it('never drops a run still in progress', () => {
    const store = createRunStore(db, 1);
    const going = store.claim({ task: 'export_collection_json', trigger: 'schedule', startedAt: 'now', occurrence: null, pid: process.pid, owner: 'x' });
    if (isRefusal(going)) throw new Error('refused');
    // Another process's run of the same task finishing meanwhile (a different owner, same task).
    db.prepare(`INSERT INTO runs (task, trigger, started_at, status) VALUES ('export_collection_json', 'cli', 'now', 'completed')`).run();
    const last = db.prepare('SELECT max(id) FROM runs').pluck().get() as number;
    store.finish(last, { status: 'completed', finishedAt: 'now', file: null, albumCount: 0, warnings: [], error: null, text: null, warningTexts: [] });
    expect(store.history(10).map((r) => [r.id, r.status])).toEqual([
      [last, 'completed'],
      [going.id, 'running'],
    ]);
  });
});
