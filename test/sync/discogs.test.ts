/**
 * The Discogs client and a Discogs account's sync, against a fake Discogs API on 127.0.0.1
 * with the real response shape: 30 pages, pacing, 429 + Retry-After, a 500 then success,
 * 401, 403, 404, an empty collection and releases removed between two syncs.
 * Waits are recorded, never slept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinkedSync, type LinkedSync } from '../../electron/core/collection/linked-sync.js';
import { createSourceStore, type SourceStore } from '../../electron/core/collection/sources.js';
import { createFakeClock } from '../support/fake-clock.js';
import { IMPORT_TIME, freshCollection, snapshot, type Fixture } from '../support/test-collection.js';

const fixedClock = createFakeClock(IMPORT_TIME);
import { collectionReleases, discogsBaseUrl, DISCOGS_USER_AGENT } from '../../electron/core/discogs/client.js';
import { releaseToAlbum } from '../../electron/core/discogs/collection.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { plainSealer } from '../../electron/core/secrets.js';
import { fakeRelease, fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';

const now = '2026-01-31T21:02:26.427+01:00';
const TOKEN = 'owner-token-abc123';

let discogs: FakeDiscogs;
let fx: Fixture;
let sources: SourceStore;
let sync: LinkedSync;
let slept: number[];
let logLines: string[];

beforeEach(async () => {
  discogs = await startFakeDiscogs();
  fx = freshCollection();
  sources = createSourceStore(fx.db, plainSealer, { discogsApiUrl: () => discogs.url });
  slept = [];
  logLines = [];
  sync = createLinkedSync({
    db: fx.db,
    sources,
    clock: fixedClock,
    log: createMemoryLogger(logLines, 'aime', () => fixedClock.now()),
    fetch: globalThis.fetch,
    env: { AIME_DISCOGS_API_URL: discogs.url },
    sleep: async (ms) => void slept.push(ms),
  });
});
afterEach(async () => {
  fx.db.close();
  await discogs.close();
});

const client = (token: string | null = TOKEN) => ({
  fetch: globalThis.fetch,
  baseUrl: discogs.url,
  token,
  sleep: async (ms: number) => void slept.push(ms),
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('the Discogs client', () => {
  it('reads 30 pages with the token and an application User-Agent, in order', async () => {
    discogs.users.set('collector', { releases: fakeReleases(2950), token: TOKEN });
    const releases = await all(collectionReleases('collector', client()));
    expect(releases).toHaveLength(2950);
    expect(releases.map((r) => r.id)).toEqual(fakeReleases(2950).map((r) => r.id));
    expect(discogs.requests).toHaveLength(30);
    expect(discogs.requests.map((r) => r.page)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const request of discogs.requests) {
      expect(request.path).toBe('/users/collector/collection/folders/0/releases');
      expect(request.perPage).toBe(100);
      expect(request.authorization).toBe(`Discogs token=${TOKEN}`);
      expect(request.userAgent).toBe(DISCOGS_USER_AGENT);
    }
    expect(DISCOGS_USER_AGENT).toMatch(/^AIMEScheduler\/0\.\d+ \+\S+$/);
    expect(slept).toEqual([]);
  });

  it('paces itself when X-Discogs-Ratelimit-Remaining runs low', async () => {
    discogs.users.set('collector', { releases: fakeReleases(250), token: TOKEN });
    discogs.remaining = 2;
    await all(collectionReleases('collector', client()));
    // 60 requests a minute: 1 s per request short of the 5 it keeps in hand, after each of 3 pages.
    expect(slept).toEqual([3000, 3000, 3000]);
  });

  it('waits Retry-After on 429 and asks again', async () => {
    discogs.users.set('collector', { releases: fakeReleases(150), token: TOKEN });
    discogs.failures.push({ status: 429, headers: { 'Retry-After': '7' } });
    const releases = await all(collectionReleases('collector', client()));
    expect(releases).toHaveLength(150);
    expect(slept).toEqual([7000]);
    expect(discogs.requests.map((r) => r.page)).toEqual([1, 1, 2]);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    discogs.users.set('collector', { releases: fakeReleases(10), token: TOKEN });
    discogs.failures.push({ status: 500 }, { status: 503 });
    expect(await all(collectionReleases('collector', client()))).toHaveLength(10);
    expect(slept).toEqual([1000, 2000]);
  });

  it('gives up after repeated 5xx with the status', async () => {
    discogs.users.set('collector', { releases: fakeReleases(10), token: TOKEN });
    for (let i = 0; i < 6; i++) discogs.failures.push({ status: 502 });
    await expect(all(collectionReleases('collector', client()))).rejects.toThrow(/HTTP 502/);
    expect(slept).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('says what is wrong on 401, 403 and 404, without retrying or showing the token', async () => {
    discogs.users.set('collector', { releases: fakeReleases(10), token: TOKEN, private: true });
    const wrong = await all(collectionReleases('collector', client('not-the-token'))).catch((e: Error) => e);
    expect(String(wrong)).toMatch(/refused the token \(401\)/);
    expect(String(wrong)).not.toContain('not-the-token');
    const anonymous = await all(collectionReleases('collector', client(null))).catch((e: Error) => e);
    expect(String(anonymous)).toMatch(/"collector" is private \(403\)/);
    discogs.users.set('other', { releases: [], token: 'other-token' });
    const unknown = await all(collectionReleases('nobody', client(null))).catch((e: Error) => e);
    expect(String(unknown)).toMatch(/no user "nobody" \(404\)/);
    expect(discogs.requests).toHaveLength(3);
    expect(slept).toEqual([]);
  });

  it('takes its base URL from AIME_DISCOGS_API_URL and refuses a bad one', () => {
    expect(discogsBaseUrl({})).toBe('https://api.discogs.com');
    expect(discogsBaseUrl({ AIME_DISCOGS_API_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(() => discogsBaseUrl({ AIME_DISCOGS_API_URL: 'ftp://x' })).toThrow(/http\(s\)/);
  });
});

describe('mapping a release', () => {
  it('maps title, year 0, formats, (2) suffixes, genres, cover and ids', () => {
    const album = releaseToAlbum(fakeRelease(0), now);
    expect(album).toMatchObject({
      title: 'Été n°0 — Ça va ♪',
      year: null,
      support: 'Vinyle',
      source: 'discogs',
      artists: ['Artist 0', 'Björk'],
      genre: 'Electronic',
      image_url: 'https://i.discogs.com/cover-1000000.jpeg',
      discogs_id: '1000000',
      discogs_url: 'https://www.discogs.com/release/1000000',
      external_id: '1000000',
      external_instance_id: '500000000',
    });
    expect(releaseToAlbum(fakeRelease(1), now)).toMatchObject({ year: 1961, support: 'CD', genre: 'Rock, Pop' });
    expect(releaseToAlbum(fakeRelease(2), now).support).toBe('Digital');
    // A box is looked through: its cassettes are the medium.
    expect(releaseToAlbum(fakeRelease(3), now).support).toBe('Cassette');
  });
});

describe('syncing a Discogs account', () => {
  it('adds 30 pages, changes nothing the second time, then follows edits and removals', async () => {
    discogs.users.set('collector', { releases: fakeReleases(2950), token: TOKEN, private: true });
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    expect(source).toMatchObject({ kind: 'discogs', location: 'collector', has_token: true });
    expect(JSON.stringify(sources.list())).not.toContain(TOKEN);

    expect((await sync.syncOne(source.id)).result).toEqual({
      status: 'completed',
      added: 2950,
      updated: 0,
      removed: 0,
      unchanged: 0,
    });
    const unchanged = snapshot(fx.db);
    expect((await sync.syncOne(source.id)).result).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2950 });
    expect(snapshot(fx.db)).toBe(unchanged);

    // At Discogs: releases 10–19 removed from the collection, release 5 given a year, one added.
    const edited = fakeReleases(2950).filter((r) => r.id < 1_000_010 || r.id >= 1_000_020);
    edited[5] = fakeRelease(5, { year: 1999 });
    edited.push(fakeRelease(5000));
    discogs.users.get('collector')!.releases = edited;
    const idOf5 = fx.db.prepare("SELECT id FROM albums WHERE external_id = '1000005'").pluck().get();
    expect((await sync.syncOne(source.id)).result).toMatchObject({ added: 1, updated: 1, removed: 10 });
    expect(fx.db.prepare("SELECT id, year FROM albums WHERE external_id = '1000005'").get()).toEqual({
      id: idOf5,
      year: 1999,
    });
    expect(fx.db.prepare('SELECT count(*) FROM albums').pluck().get()).toBe(2941);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('an emptied collection removes the account\'s albums, and only them', async () => {
    discogs.users.set('collector', { releases: fakeReleases(5), token: TOKEN });
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    await sync.syncOne(source.id);
    discogs.users.get('collector')!.releases = [];
    expect((await sync.syncOne(source.id)).result).toEqual({
      status: 'completed',
      added: 0,
      updated: 0,
      removed: 5,
      unchanged: 0,
    });
  });

  it('a refused sync (401, 404) is recorded as failed and changes no album', async () => {
    discogs.users.set('collector', { releases: fakeReleases(5), token: TOKEN });
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    await sync.syncOne(source.id);
    const before = JSON.parse(snapshot(fx.db)).albums;
    discogs.users.get('collector')!.token = 'rotated';
    const refused = await sync.syncOne(source.id);
    expect(refused.result).toMatchObject({ status: 'failed', error: expect.stringMatching(/401/) });
    expect(JSON.parse(snapshot(fx.db)).albums).toEqual(before);

    const gone = sources.add({ kind: 'discogs', username: 'nobody' }, now);
    expect((await sync.syncOne(gone.id)).result).toMatchObject({ status: 'failed', error: expect.stringMatching(/404/) });
    expect(JSON.parse(snapshot(fx.db)).albums).toEqual(before);
    expect(sources.get(source.id).last_result).toMatchObject({ status: 'failed' });
  });

  it('one failing source does not stop the others in a sync of all', async () => {
    discogs.users.set('collector', { releases: fakeReleases(3), token: TOKEN });
    sources.add({ kind: 'discogs', username: 'nobody' }, now);
    sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    const reports = await sync.syncAll();
    expect(reports.map((r) => r.result.status)).toEqual(['failed', 'completed']);
    expect(fx.db.prepare('SELECT count(*) FROM albums').pluck().get()).toBe(3);
  });
});

describe('a token bound to the Discogs API it was entered for', () => {
  let elsewhere: FakeDiscogs;
  let apiUrl: string;
  const syncAt = (url: string) =>
    createLinkedSync({
      db: fx.db,
      sources,
      clock: fixedClock,
      log: createMemoryLogger(logLines, 'aime', () => fixedClock.now()),
      fetch: globalThis.fetch,
      env: { AIME_DISCOGS_API_URL: url },
      sleep: async (ms) => void slept.push(ms),
    });
  beforeEach(async () => {
    // Another port on the same host is another origin.
    elsewhere = await startFakeDiscogs();
    apiUrl = discogs.url;
    sources = createSourceStore(fx.db, plainSealer, { discogsApiUrl: () => apiUrl });
    for (const fake of [discogs, elsewhere]) fake.users.set('collector', { releases: fakeReleases(3), token: TOKEN, private: true });
  });
  afterEach(() => elsewhere.close());

  it('is never sent to another origin: the sync fails saying so, and nothing changes', async () => {
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    expect((await syncAt(discogs.url).syncOne(source.id)).result).toMatchObject({ status: 'completed', added: 3 });
    const before = snapshot(fx.db);

    const refused = await syncAt(elsewhere.url).syncOne(source.id);
    expect(elsewhere.requests).toEqual([]);
    expect(refused.result).toEqual({
      status: 'failed',
      error: expect.stringContaining(
        `the Discogs token of source ${source.id} was entered for ${discogs.url}, and the Discogs API is now ${elsewhere.url}`,
      ),
      text: { key: 'error.token_other_origin', params: { source: source.id, username: 'collector', bound: discogs.url, origin: elsewhere.url } },
    });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    expect(snapshot(fx.db)).toBe(before);
    expect(sources.get(source.id)).toMatchObject({ has_token: true, last_result: { status: 'failed' } });
    expect(logLines.join('\n')).toContain('Sync discogs discogs:collector: the Discogs token of source 1 was entered for');
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('goes to the new origin once entered again there, and then no longer to the old one', async () => {
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    expect(() => sources.add({ kind: 'discogs', username: 'collector' }, now)).toThrow(/already linked \(source 1\)/);
    apiUrl = `${elsewhere.url}/`;
    const again = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    expect(again).toMatchObject({ id: source.id, has_token: true });
    expect(sources.list()).toHaveLength(1);

    expect((await syncAt(elsewhere.url).syncOne(source.id)).result).toMatchObject({ status: 'completed', added: 3 });
    expect(elsewhere.requests.map((r) => r.authorization)).toEqual([`Discogs token=${TOKEN}`]);
    expect((await syncAt(discogs.url).syncOne(source.id)).result).toMatchObject({ status: 'failed' });
    expect(discogs.requests).toEqual([]);
  });

  it('a scheme or port change is another origin; a path under the same origin is not', () => {
    const source = sources.add({ kind: 'discogs', username: 'collector', token: TOKEN }, now);
    const port = new URL(discogs.url).port;
    expect(sources.tokenFor(source.id, `${discogs.url}/v2/`)).toBe(TOKEN);
    expect(() => sources.tokenFor(source.id, `https://127.0.0.1:${port}`)).toThrow(/is not sent there/);
    expect(() => sources.tokenFor(source.id, `http://localhost:${port}`)).toThrow(/is not sent there/);
    expect(() => sources.tokenFor(source.id, 'https://api.discogs.com')).toThrow(/Enter the token again/);
  });
});
