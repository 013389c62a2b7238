/** sync_collection, the fourth task, run through the engine's runner like the seed's three. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { tempDir } from '../support/temp-dir.js';
import { fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';
import { DISCOGS_CSV } from '../support/served-core.js';

let core: Core;
let data: string;
let discogs: FakeDiscogs;
const clock = { now: () => new Date(2026, 0, 31, 21, 2, 2) };

beforeEach(async () => {
  data = tempDir('aime-sync-');
  discogs = await startFakeDiscogs();
  core = await createCore({
    dataDir: data,
    clock,
    homeDir: data,
    env: { AIME_DISCOGS_API_URL: discogs.url },
    sleep: async () => {},
  });
});
afterEach(async () => {
  await core.close();
  await discogs.close();
  fs.rmSync(data, { recursive: true, force: true });
});

it('is skipped with a clear message while no source is linked', async () => {
  const run = await core.api.runNow('sync_collection', 'manual');
  expect(run).toMatchObject({ task: 'sync_collection', status: 'skipped', file: null });
  expect((await core.api.history(1))[0]!.error).toMatch(/No linked source/);
});

it('syncs every linked source, is recorded in the history, and writes no file', async () => {
  const csv = path.join(data, 'collection.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  discogs.users.set('collector', { releases: fakeReleases(120), token: 'tok' });
  core.sources.add({ path: csv }, '2026-01-31T21:02:02.000+01:00');
  core.sources.add({ kind: 'discogs', username: 'collector', token: 'tok' }, '2026-01-31T21:02:02.000+01:00');

  const run = await core.api.runNow('sync_collection', 'manual');
  expect(run).toMatchObject({ status: 'completed', file: null, album_count: 125 });
  expect(core.sources.list().map((s) => s.last_result)).toEqual([
    { status: 'completed', added: 5, updated: 0, removed: 0, unchanged: 0 },
    { status: 'completed', added: 120, updated: 0, removed: 0, unchanged: 0 },
  ]);
  expect((await core.api.history(1))[0]).toMatchObject({ task: 'sync_collection', status: 'completed' });
  expect(fs.existsSync(path.join(data, 'Scheduled Output')) ? fs.readdirSync(path.join(data, 'Scheduled Output')) : []).toEqual([]);
});

it('fails, naming the source, when one source cannot be read; the others still sync', async () => {
  const csv = path.join(data, 'collection.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  core.sources.add({ kind: 'discogs', username: 'nobody' }, '2026-01-31T21:02:02.000+01:00');
  core.sources.add({ path: csv }, '2026-01-31T21:02:02.000+01:00');
  const run = await core.api.runNow('sync_collection', 'manual');
  expect(run.status).toBe('failed');
  expect(run.error).toMatch(/discogs:nobody: Discogs has no user "nobody" \(404\)/);
  expect((await core.api.collectionStats()).albums).toBe(5);
});
