/** sync_collection, the fourth task, run through the engine's runner like the seed's three. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { tempDir } from '../support/temp-dir.js';
import { fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';
import { DISCOGS_CSV } from '../support/served-core.js';
import { snapshot } from '../support/test-collection.js';
import { writeDiscogsCsv } from '../support/discogs-csv.js';
import type { ImportProgressView } from '../../shared/api.js';

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

it('runs in the worker with progress, and a cancel mid-way leaves the collection and the source as before', async () => {
  discogs.users.set('collector', { releases: fakeReleases(2950), token: 'tok' });
  const source = core.sources.add({ kind: 'discogs', username: 'collector', token: 'tok' }, '2026-01-31T21:02:02.000+01:00');
  expect((await core.api.syncSources('manual')).run.status).toBe('completed');
  const before = snapshot(core.db);
  const record = core.sources.get(source.id);
  expect(record.album_count).toBe(2950);

  // The account changed since: 100 releases gone, 50 new. This sync is cancelled at page 10 of 30.
  discogs.users.set('collector', { releases: fakeReleases(2900, 100), token: 'tok' });
  const progress: ImportProgressView[] = [];
  core.events.subscribe((event) => {
    if (event.type === 'import-progress' && event.import) progress.push(event.import);
  });
  const asked = discogs.requests.length;
  discogs.beforeAnswer = async (request) => {
    if (request.page === 10) expect(await core.api.cancelSync()).toEqual({ cancelled: true });
  };
  const answer = await core.api.syncSources('manual');

  expect(answer.run).toMatchObject({ task: 'sync_collection', status: 'cancelled', error: 'sync cancelled: the collection is unchanged' });
  expect(snapshot(core.db)).toBe(before);
  expect(core.sources.get(source.id)).toEqual(record);
  expect(discogs.requests.slice(asked).map((r) => r.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect((await core.api.history(1))[0]).toMatchObject({ task: 'sync_collection', status: 'cancelled' });
  // Progress went out as events, from the worker: albums read, then the cancel asked.
  expect(progress.some((p) => p.kind === 'sync' && p.file === 'discogs:collector' && p.phase === 'reading' && p.done >= 500)).toBe(true);
  expect(progress.at(-1)).toMatchObject({ kind: 'sync', cancelling: true });
  expect(await core.api.cancelSync()).toEqual({ cancelled: false });

  // Nothing was left half-done: the next sync applies the whole change.
  discogs.beforeAnswer = undefined;
  expect((await core.api.syncSources('manual')).sources[0]!.last_result).toMatchObject({ added: 50, removed: 100 });
});

it('waits for an import in progress, then syncs (one job at a time in the worker)', async () => {
  const csv = path.join(data, 'collection.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  core.sources.add({ path: csv }, '2026-01-31T21:02:02.000+01:00');
  const large = writeDiscogsCsv(path.join(data, 'large.csv'), 15_000);

  let syncing: Promise<unknown> | null = null;
  const order: string[] = [];
  core.imports.subscribe((current) => {
    if (current && order.at(-1) !== `${current.kind} ${current.progress.phase}`) order.push(`${current.kind} ${current.progress.phase}`);
    if (syncing === null && current?.kind === 'import' && current.progress.phase === 'writing') {
      syncing = core.api.runNow('sync_collection', 'manual');
    }
  });
  const imported = await core.api.importCollection({ path: large });
  expect(syncing).not.toBeNull();
  expect(await syncing).toMatchObject({ status: 'completed', album_count: imported.total_albums + 5 });
  // The sync started once the import had ended.
  expect(order.indexOf('sync reading')).toBeGreaterThan(order.lastIndexOf('import writing'));
  expect(core.sources.list()[0]!.last_result).toMatchObject({ status: 'completed', added: 5 });
});
