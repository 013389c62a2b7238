import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { executeTask } from './index.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createTestDb, insertAlbums, testContext } from '../../../test/support/test-collection.js';
import { msg } from '../../../shared/messages/index.js';

let dir: string;
let out: string;
let db: Db;
const clock = createFakeClock(new Date(2026, 0, 31, 21, 9, 50, 265));
const USER_FILES = [
  'notes.md',
  'export-json-2026.json',
  'generate-haiku-20260131-210202.md.bak',
  'export-markdown-20260101-000000 copy.md',
];
const OLD_JSON = ['export-json-20260101-100000.json', 'export-json-20260102-100000.json', 'export-json-20260103-100000.json'];

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'Scheduled Output');
  db = createTestDb(dir);
  insertAlbums(db, [{ id: 1, title: 'T.V. Sky', year: 2022, support: 'Vinyle', artists: ['The Young Gods'] }]);
  fs.mkdirSync(out);
  for (const name of [...USER_FILES, ...OLD_JSON, 'export-markdown-20200101-000000.md']) {
    fs.writeFileSync(path.join(out, name), name);
  }
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = () => fs.readdirSync(out).sort();

describe('executeTask', () => {
  it('applies retention to its own kind after a successful run and logs each deletion', async () => {
    const { ctx, log } = testContext(db, out, clock, { maxFilesPerType: 2 });
    const outcome = await executeTask('export_collection_json', ctx);
    expect(outcome.status).toBe('completed');
    expect(outcome.deleted).toEqual(['export-json-20260102-100000.json', 'export-json-20260101-100000.json']);
    expect(names()).toEqual(
      [...USER_FILES, 'export-json-20260103-100000.json', 'export-json-20260131-210950.json', 'export-markdown-20200101-000000.md'].sort(),
    );
    expect(log.lines).toEqual([
      '2026-01-31 21:09:50,265 - app.services.scheduler_service - INFO - 🗑️ Supprimé fichier ancien (json): export-json-20260102-100000.json',
      '2026-01-31 21:09:50,265 - app.services.scheduler_service - INFO - 🗑️ Supprimé fichier ancien (json): export-json-20260101-100000.json',
    ]);
  });

  it('deletes nothing while the settings are recovered, and says why in the run', async () => {
    const { ctx } = testContext(db, out, clock, { maxFilesPerType: 1, retentionPaused: msg('warning.settings_recovered') });
    const outcome = await executeTask('export_collection_json', ctx);
    expect(outcome.status).toBe('completed');
    expect(outcome.deleted).toEqual([]);
    expect(outcome.warnings).toEqual([msg('warning.files_kept', { reason: msg('warning.settings_recovered') })]);
    expect(names().filter((n) => n.startsWith('export-json-2026010'))).toEqual(OLD_JSON);
  });

  it('deletes nothing and leaves no temporary file when the run fails', async () => {
    db.exec('DROP TABLE tracks');
    const before = names();
    const json = testContext(db, out, clock, { maxFilesPerType: 1 });
    await expect(executeTask('export_collection_json', json.ctx)).rejects.toThrow(/tracks/);
    expect(json.log.lines).toEqual([]);
    // The Markdown export does not read tracks: break what it reads.
    db.exec('DROP TABLE album_artists');
    const markdown = testContext(db, out, clock, { maxFilesPerType: 1 });
    await expect(executeTask('export_collection_markdown', markdown.ctx)).rejects.toThrow(/album_artists/);
    expect(markdown.log.lines).toEqual([]);
    expect(names()).toEqual(before);
  });

  it('deletes nothing when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = testContext(db, out, clock, { maxFilesPerType: 1, signal: controller.signal });
    await expect(executeTask('export_collection_json', ctx)).rejects.toThrow();
    expect(names()).toEqual([...USER_FILES, ...OLD_JSON, 'export-markdown-20200101-000000.md'].sort());
  });

  it('creates a missing output folder, and two runs in one second get -2', async () => {
    const nested = path.join(dir, 'new', 'folder');
    const { ctx } = testContext(db, nested, clock);
    const first = await executeTask('export_collection_markdown', ctx);
    const second = await executeTask('export_collection_markdown', ctx);
    expect(path.basename(first.file!)).toBe('export-markdown-20260131-210950.md');
    expect(path.basename(second.file!)).toBe('export-markdown-20260131-210950-2.md');
  });

  it('fails with a message naming an output folder it cannot create', async () => {
    const blocked = path.join(out, 'notes.md', 'sub');
    const { ctx } = testContext(db, blocked, clock);
    await expect(executeTask('export_collection_json', ctx)).rejects.toThrow(blocked);
  });
});
