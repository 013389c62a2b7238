/**
 * `aime source add|list|remove` and `aime sync` in real processes, against a fake Discogs API
 * on 127.0.0.1: the token from stdin is used and never printed, and `sync` exits 0 only when
 * every source synced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { aimeAsyncResult } from '../support/cli.js';
import { fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';
import { DISCOGS_CSV } from '../support/served-core.js';
import { tempDir } from '../support/temp-dir.js';

vi.setConfig({ testTimeout: 120_000 });

const TOKEN = 'secret-token-from-stdin';
let data: string;
let discogs: FakeDiscogs;
let env: Record<string, string>;

beforeAll(async () => {
  data = tempDir('aime-cli-sources-');
  discogs = await startFakeDiscogs();
  discogs.users.set('collector', { releases: fakeReleases(230), token: TOKEN, private: true });
  env = { AIME_DISCOGS_API_URL: discogs.url, AIME_DATA_DIR: data };
});
afterAll(async () => {
  await discogs.close();
  fs.rmSync(data, { recursive: true, force: true });
});

it('links a Discogs account with the token on stdin and a CSV file, syncs both, lists and removes', async () => {
  const added = await aimeAsyncResult(['source', 'add', 'discogs:collector', '--token', '-'], env, `${TOKEN}\n`);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  expect(added.stdout).toMatch(/^#1 discogs:collector \(token\) — 0 albums, never synced/);
  const csv = path.join(data, 'collection.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  expect((await aimeAsyncResult(['source', 'add', csv], env)).code).toBe(0);

  const synced = await aimeAsyncResult(['sync'], env);
  expect(synced.code).toBe(0);
  expect(synced.stdout).toContain('#1 discogs:collector (token) — 230 albums, synced');
  expect(synced.stdout).toMatch(/: \+230 ~0 −0/);
  expect(synced.stdout).toMatch(/#2 discogs-csv .*collection\.csv — 5 albums, synced .*: \+5 ~0 −0/);
  expect(discogs.requests.every((r) => r.authorization === `Discogs token=${TOKEN}`)).toBe(true);

  const again = await aimeAsyncResult(['sync'], env);
  expect(again.stdout).toMatch(/#1 .*: \+0 ~0 −0/);

  const listed = await aimeAsyncResult(['source', 'list', '--json'], env);
  const sources = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
  expect(sources.map((s) => [s.id, s.kind, s.has_token, s.album_count])).toEqual([
    [1, 'discogs', true, 230],
    [2, 'discogs-csv', false, 5],
  ]);
  for (const output of [added, synced, again, listed]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
  const logs = fs.readdirSync(path.join(data, 'logs')).map((f) => fs.readFileSync(path.join(data, 'logs', f), 'utf8'));
  expect(logs.join('\n')).not.toContain(TOKEN);

  const removed = await aimeAsyncResult(['source', 'remove', '2'], env);
  expect(removed.code).toBe(0);
  expect(removed.stdout).toMatch(/unlinked #2 .*; 5 albums removed/);
});

it('exits non-zero when a source fails, after syncing the others', async () => {
  await aimeAsyncResult(['source', 'add', 'discogs:nobody'], env);
  const failed = await aimeAsyncResult(['sync'], env);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/sync_collection failed: A source could not be synced: discogs:nobody: Discogs has no user nobody\./);
  expect(failed.stdout).toMatch(/#1 discogs:collector .*synced/);
});

it('refuses bad input with one line and changes nothing', async () => {
  const before = (await aimeAsyncResult(['source', 'list', '--json'], env)).stdout;
  const missing = await aimeAsyncResult(['source', 'add', path.join(data, 'nope.csv')], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^aime: no such file: /);
  const badName = await aimeAsyncResult(['source', 'add', 'discogs:bad name!'], env);
  expect(badName.code).toBe(2);
  expect(badName.stderr).toMatch(/Discogs username/);
  const unknown = await aimeAsyncResult(['source', 'remove', '99'], env);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/no linked source with id 99/);
  expect((await aimeAsyncResult(['source', 'list', '--json'], env)).stdout).toBe(before);
});

it('never sends the token to another Discogs API (another origin) until it is entered again there', async () => {
  const elsewhere = await startFakeDiscogs();
  try {
    elsewhere.users.set('collector', { releases: fakeReleases(230), token: TOKEN, private: true });
    const there = { ...env, AIME_DISCOGS_API_URL: elsewhere.url };
    const toCollector = () => elsewhere.requests.filter((r) => r.path.startsWith('/users/collector/'));

    const refused = await aimeAsyncResult(['sync'], there);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `discogs:collector: The Discogs token of source 1 was entered for ${discogs.url}, and the Discogs API is now ${elsewhere.url}`,
    );
    expect(toCollector()).toEqual([]);
    expect(elsewhere.requests.every((r) => r.authorization === undefined)).toBe(true);
    const listed = await aimeAsyncResult(['source', 'list', '--json'], there);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ id: 1, has_token: true, album_count: 230 }));

    const reentered = await aimeAsyncResult(['source', 'add', 'discogs:collector', '--token', '-'], there, `${TOKEN}\n`);
    expect(reentered.code).toBe(0);
    expect(reentered.stdout).toMatch(/^#1 discogs:collector \(token\) — 230 albums/);
    const synced = await aimeAsyncResult(['sync'], there);
    expect(synced.stdout).toMatch(/#1 discogs:collector .*: \+0 ~0 −0/);
    expect(toCollector().map((r) => r.authorization)).toEqual(Array(3).fill(`Discogs token=${TOKEN}`));

    for (const output of [refused, listed, reentered, synced]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
    const logs = fs.readdirSync(path.join(data, 'logs')).map((f) => fs.readFileSync(path.join(data, 'logs', f), 'utf8'));
    expect(logs.join('\n')).toContain('was entered for');
    expect(logs.join('\n')).not.toContain(TOKEN);
  } finally {
    await elsewhere.close();
  }
});
