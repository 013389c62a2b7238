/**
 * Sync of file sources (Discogs CSV, AIME JSON export, AIME musique.db) on real SQLite files:
 * a diff per source that adds, updates in place, removes, leaves other sources and one-shot
 * imports alone, and changes nothing when run twice.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinkedSync, type LinkedSync } from '../../electron/core/collection/linked-sync.js';
import { createSourceStore, type SourceStore } from '../../electron/core/collection/sources.js';
import { createFakeClock } from '../support/fake-clock.js';
import { makeAimeDb } from '../support/fixtures.js';
import { IMPORT_TIME, freshCollection, snapshot, type Fixture } from '../support/test-collection.js';

const fixedClock = createFakeClock(IMPORT_TIME);
import { createMemoryLogger } from '../../electron/core/log.js';
import { plainSealer } from '../../electron/core/secrets.js';
import { DISCOGS_CSV } from '../support/served-core.js';

let fx: Fixture;
let sources: SourceStore;
let sync: LinkedSync;
const logLines: string[] = [];

beforeEach(() => {
  fx = freshCollection();
  sources = createSourceStore(fx.db, plainSealer);
  sync = createLinkedSync({
    db: fx.db,
    sources,
    clock: fixedClock,
    log: createMemoryLogger(logLines, 'aime', () => fixedClock.now()),
    fetch: () => Promise.reject(new Error('no network in file syncs')),
    env: {},
  });
});
afterEach(() => fx.db.close());

const now = '2026-01-31T21:02:26.427+01:00';
const albumsOf = (sourceId: number | null) =>
  fx.db
    .prepare(
      `SELECT id, title, year, support, external_id FROM albums WHERE source_id IS ? ORDER BY external_id, id`,
    )
    .all(sourceId) as Array<{ id: number; title: string; year: number | null; support: string | null; external_id: string }>;

async function completed(id: number) {
  const report = await sync.syncOne(id);
  if (report.result.status !== 'completed') throw new Error(`sync failed: ${report.result.error}`);
  return report.result;
}

describe('a Discogs CSV source', () => {
  it('adds, then changes nothing, then updates an edited row in place and removes a deleted one', async () => {
    const file = path.join(fx.dir, 'collection.csv');
    fs.writeFileSync(file, DISCOGS_CSV);
    const source = sources.add({ path: file }, now);
    expect(source.kind).toBe('discogs-csv');

    expect(await completed(source.id)).toEqual({ status: 'completed', added: 5, updated: 0, removed: 0, unchanged: 0 });
    const before = albumsOf(source.id);
    expect(before.map((a) => a.external_id)).toEqual(['111', '112', '113', '13880176', '3068785']);
    const unchanged = snapshot(fx.db);

    expect(await completed(source.id)).toEqual({ status: 'completed', added: 0, updated: 0, removed: 0, unchanged: 5 });
    expect(snapshot(fx.db)).toBe(unchanged);

    // Moon Safari's year and support edited at the source; Talkie Walkie gone.
    const edited = DISCOGS_CSV.replace('"LP, Album, RE",,2023,111', '"CD, Album",,1998,111').replace(/^AIR2,.*\n/m, '');
    fs.writeFileSync(file, edited);
    expect(await completed(source.id)).toEqual({ status: 'completed', added: 0, updated: 1, removed: 1, unchanged: 3 });
    const after = albumsOf(source.id);
    const moon = after.find((a) => a.external_id === '111')!;
    expect(moon).toMatchObject({ id: before.find((a) => a.external_id === '111')!.id, year: 1998, support: 'CD' });
    expect(after.map((a) => a.external_id)).not.toContain('112');

    const view = sources.get(source.id);
    expect(view.last_sync_at).toBe(now);
    expect(view.last_result).toEqual({ status: 'completed', added: 0, updated: 1, removed: 1, unchanged: 3 });
    expect(view.album_count).toBe(4);
  });

  it('never touches one-shot imports or another source, even for the same release', async () => {
    const oneShot = path.join(fx.dir, 'once.csv');
    fs.writeFileSync(oneShot, DISCOGS_CSV);
    await fx.collection.importFile(oneShot);
    const first = path.join(fx.dir, 'a.csv');
    const second = path.join(fx.dir, 'b.csv');
    fs.writeFileSync(first, DISCOGS_CSV);
    fs.writeFileSync(second, DISCOGS_CSV.split('\n').slice(0, 3).join('\n'));
    const a = sources.add({ path: first }, now);
    const b = sources.add({ path: second }, now);
    await completed(a.id);
    await completed(b.id);
    const imported = JSON.stringify(albumsOf(null));
    const ofB = JSON.stringify(albumsOf(b.id));

    fs.writeFileSync(first, DISCOGS_CSV.split('\n')[0]! + '\n');
    expect(await completed(a.id)).toMatchObject({ added: 0, updated: 0, removed: 5 });
    expect(albumsOf(a.id)).toEqual([]);
    expect(JSON.stringify(albumsOf(null))).toBe(imported);
    expect(JSON.stringify(albumsOf(b.id))).toBe(ofB);
    expect(albumsOf(null)).toHaveLength(5);
  });

  it('records a failure and changes nothing when the file went bad', async () => {
    const file = path.join(fx.dir, 'collection.csv');
    fs.writeFileSync(file, DISCOGS_CSV);
    const source = sources.add({ path: file }, now);
    await completed(source.id);
    const before = snapshot(fx.db);
    fs.writeFileSync(file, 'Artist,Title\n"unterminated,x\n');
    const report = await sync.syncOne(source.id);
    expect(report.result.status).toBe('failed');
    expect(report.result.status === 'failed' && report.result.error).toMatch(/collection\.csv/);
    expect(snapshot(fx.db)).toBe(before);
    expect(sources.get(source.id).last_result?.status).toBe('failed');
  });

  it('rolls back when cancelled and leaves the collection as it was', async () => {
    const file = path.join(fx.dir, 'collection.csv');
    fs.writeFileSync(file, DISCOGS_CSV);
    const source = sources.add({ path: file }, now);
    const before = snapshot(fx.db);
    const controller = new AbortController();
    const report = await sync.syncOne(source.id, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'apply') controller.abort();
      },
    });
    expect(report.result).toEqual({ status: 'failed', error: 'sync cancelled: the collection is unchanged', text: { key: 'error.cancelled' } });
    // Only the source's own record changed.
    fx.db.prepare('UPDATE sources SET last_sync_at = NULL, last_result = NULL').run();
    const after = snapshot(fx.db);
    expect(JSON.parse(after).albums).toEqual(JSON.parse(before).albums);
    expect(JSON.parse(after).artists).toEqual(JSON.parse(before).artists);
  });
});

describe('an AIME JSON export source', () => {
  it('matches albums by their id in the export', async () => {
    const file = path.join(fx.dir, 'export.json');
    const write = (albums: unknown[]) => fs.writeFileSync(file, JSON.stringify({ albums }));
    const album = (id: number, title: string, year: number | null, support: string) => ({
      id,
      title,
      year,
      support,
      source: 'discogs',
      spotify_url: null,
      artists: ['The Young Gods'],
      tracks_count: 0,
    });
    write([album(1, 'T.V. Sky', 1992, 'CD'), album(2, 'Only Heaven', 1995, 'CD')]);
    const source = sources.add({ path: file }, now);
    expect(source.kind).toBe('json');
    expect(await completed(source.id)).toMatchObject({ added: 2, updated: 0, removed: 0 });
    expect(await completed(source.id)).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2 });
    // A new title for id 1 is still the same album; id 2 gone; id 3 new.
    write([album(1, 'T.V. Sky (Remaster)', 2022, 'Vinyle'), album(3, 'Super Ready/Fragmenté', 2007, 'CD')]);
    expect(await completed(source.id)).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 0 });
    expect(albumsOf(source.id).map((a) => [a.external_id, a.title, a.year, a.support])).toEqual([
      ['1', 'T.V. Sky (Remaster)', 2022, 'Vinyle'],
      ['3', 'Super Ready/Fragmenté', 2007, 'CD'],
    ]);
  });
});

describe('an AIME musique.db source', () => {
  it('matches albums by their AIME id and follows edits and deletions there', async () => {
    const file = makeAimeDb(path.join(fx.dir, 'musique.db'), 40);
    const source = sources.add({ path: file }, now);
    expect(source.kind).toBe('aime-db');
    const first = await completed(source.id);
    expect(first.added).toBeGreaterThan(0);
    expect(first.added + first.unchanged).toBe(40);
    expect(await completed(source.id)).toMatchObject({ added: 0, updated: 0, removed: 0 });

    const aime = new Database(file);
    const [edited, gone] = aime.prepare('SELECT id FROM albums ORDER BY id LIMIT 2').pluck().all() as number[];
    aime.prepare("UPDATE albums SET year = 1977, support = 'Cassette' WHERE id = ?").run(edited);
    aime.prepare('DELETE FROM album_artist WHERE album_id = ?').run(gone);
    aime.prepare('DELETE FROM albums WHERE id = ?').run(gone);
    aime.close();
    const idBefore = fx.db.prepare('SELECT id FROM albums WHERE source_id = ? AND external_id = ?').pluck().get(source.id, String(edited));

    expect(await completed(source.id)).toMatchObject({ added: 0, updated: 1, removed: 1 });
    expect(
      fx.db.prepare('SELECT id, year, support FROM albums WHERE source_id = ? AND external_id = ?').get(source.id, String(edited)),
    ).toEqual({ id: idBefore, year: 1977, support: 'Cassette' });
  });
});

describe('the sources table', () => {
  it('refuses a missing file and a second link of the same file, changing nothing', async () => {
    expect(() => sources.add({ path: path.join(fx.dir, 'nope.csv') }, now)).toThrow(/no such file/);
    const file = path.join(fx.dir, 'collection.csv');
    fs.writeFileSync(file, DISCOGS_CSV);
    sources.add({ path: file }, now);
    expect(() => sources.add({ path: file }, now)).toThrow(/already linked/);
    expect(sources.list()).toHaveLength(1);
  });

  it('removing a source removes its albums and the artists only they credited', async () => {
    const file = path.join(fx.dir, 'collection.csv');
    fs.writeFileSync(file, DISCOGS_CSV);
    const source = sources.add({ path: file }, now);
    await completed(source.id);
    const { removed } = sources.remove(source.id);
    expect(removed).toBe(5);
    expect(fx.db.prepare('SELECT count(*) FROM albums').pluck().get()).toBe(0);
    expect(fx.db.prepare('SELECT count(*) FROM artists').pluck().get()).toBe(0);
    expect(() => sources.get(source.id)).toThrow(/no linked source/);
  });
});
