/**
 * A file dropped on the web page: POST …/sources/upload through the real server keeps it in
 * <data>/sources and links it; the same name again replaces it (the next sync follows); a
 * file too large, empty or named like a path is refused and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SourceView } from '../../shared/sources.js';
import { UPLOAD_MAX_BYTES } from '../../shared/sources.js';
import { DISCOGS_CSV, PREFIX, serve, type Served } from '../support/served-core.js';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => {
  await s.close();
});

// Linking sources is owner-only: these calls are the owner's.
const owner = () => ({ authorization: `Bearer ${s.core.apiToken}` });
const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${s.base}${PREFIX}/sources/upload`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...owner(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const base64 = (text: string) => Buffer.from(text).toString('base64');
const listed = async () => (await (await fetch(`${s.base}${PREFIX}/sources`, { headers: owner() })).json()) as SourceView[];

it('keeps the dropped file in the data folder, links it, and replaces it when dropped again', async () => {
  const first = await post({ name: 'collection.csv', data_base64: base64(DISCOGS_CSV) });
  expect(first.status).toBe(200);
  const file = path.join(s.dataDir, 'sources', 'collection.csv');
  expect(first.json).toMatchObject({ kind: 'discogs-csv', location: file });
  expect(fs.readFileSync(file, 'utf8')).toBe(DISCOGS_CSV);
  expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  const synced = await fetch(`${s.base}${PREFIX}/sync`, { method: 'POST', headers: owner() });
  expect(((await synced.json()) as { sources: SourceView[] }).sources[0]!.last_result).toMatchObject({ added: 5 });

  const fewer = DISCOGS_CSV.split('\n').slice(0, 3).join('\n');
  const again = await post({ name: 'collection.csv', data_base64: base64(fewer) });
  expect(again.json.id).toBe(first.json.id);
  expect((await listed()).map((source) => source.id)).toEqual([first.json.id]);
  const resynced = await fetch(`${s.base}${PREFIX}/sync`, { method: 'POST', headers: owner() });
  expect(((await resynced.json()) as { sources: SourceView[] }).sources[0]!.last_result).toMatchObject({ removed: 3 });
});

it('refuses a path for a name, an empty or too large file, and another site’s page, changing nothing', async () => {
  const before = await listed();
  const files = fs.readdirSync(path.join(s.dataDir, 'sources'));
  expect((await post({ name: '../evil.csv', data_base64: base64(DISCOGS_CSV) })).status).toBe(422);
  expect((await post({ name: 'empty.csv', data_base64: '' })).json.detail).toMatch(/empty/);
  const big = 'x'.repeat(UPLOAD_MAX_BYTES + 1);
  expect((await post({ name: 'big.csv', data_base64: base64(big) })).json.detail).toMatch(/limited to 700 KiB|larger than 700 KiB/);
  const unreadable = await post({ name: 'notes.txt', data_base64: base64('hello') });
  expect(unreadable.status).toBe(422);
  const foreign = await post({ name: 'x.csv', data_base64: base64(DISCOGS_CSV) }, { Origin: 'https://evil.example' });
  expect(foreign.status).toBe(403);
  expect(await listed()).toEqual(before);
  expect(fs.readdirSync(path.join(s.dataDir, 'sources'))).toEqual(files);
});

it('links the file picked in the native dialog, and says when there is no dialog', async () => {
  const { createCore } = await import('../../electron/core/app.js');
  const { tempDir } = await import('../support/temp-dir.js');
  const dir = tempDir('aime-pick-');
  const csv = path.join(dir, 'picked.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  const answers: Array<string | null> = [null, csv];
  const core = await createCore({ dataDir: path.join(dir, 'data'), homeDir: dir, env: {}, pickFile: async () => answers.shift() ?? null });
  try {
    expect(await core.api.chooseSourceFile()).toEqual({ available: true, source: null });
    expect(await core.api.chooseSourceFile()).toMatchObject({ available: true, source: { kind: 'discogs-csv', location: csv } });
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // `aime serve` has no dialog: the browser page drops files instead.
  expect(await s.core.api.chooseSourceFile()).toEqual({ available: false, source: null });
});

it('imports the file picked in the native dialog once, recorded in the history as the window’s import', async () => {
  const { createCore } = await import('../../electron/core/app.js');
  const { tempDir } = await import('../support/temp-dir.js');
  const dir = tempDir('aime-pick-import-');
  const csv = path.join(dir, 'picked.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  const answers: Array<string | null> = [null, csv];
  const core = await createCore({ dataDir: path.join(dir, 'data'), homeDir: dir, env: {}, pickFile: async () => answers.shift() ?? null });
  try {
    // The dialog closed without a file: no import, no run.
    expect(await core.api.chooseImportFile()).toEqual({ available: true, summary: null });
    expect(await core.api.history()).toEqual([]);
    const chosen = await core.api.chooseImportFile();
    expect(chosen.summary).toMatchObject({ file: csv, added: 5 });
    expect(await core.api.history()).toMatchObject([{ task: 'import_collection', trigger: 'manual', status: 'completed', file: csv, album_count: 5 }]);
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
