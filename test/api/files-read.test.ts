/**
 * The read-only file routes over real HTTP: only a generated file, by its exact name; anything
 * else (a path, an encoded `..`, the user's own file) is a 404 that reveals nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX, serve, type Served } from '../support/served-core.js';

let served: Served;
// The file viewer is owner-only: these requests are the owner's.
const owner = () => ({ authorization: `Bearer ${served.core.apiToken}` });
let name: string;

beforeAll(async () => {
  served = await serve({ withCollection: true });
  const run = await served.core.api.runNow('export_collection_json');
  name = path.basename(run.file ?? '');
  fs.writeFileSync(path.join(served.outputDir, 'notes.md'), 'private notes');
  fs.writeFileSync(path.join(served.root, 'secret.txt'), 'secret');
});
afterAll(() => served.close());

describe('GET /files/{file}', () => {
  it('answers a generated file’s text by its exact name', async () => {
    const res = await fetch(`${served.base}${PREFIX}/files/${name}`, { headers: owner() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; kind: string; text: string };
    expect(body).toMatchObject({ name, kind: 'json' });
    expect(JSON.parse(body.text)).toMatchObject({ total_albums: expect.any(Number) });
  });

  it('answers 404 to anything else, traversal included, and never shows its content', async () => {
    for (const bad of ['notes.md', '..%2Fsecret.txt', '%2E%2E%2Fsecret.txt', '..%2F..%2Fetc%2Fpasswd', `..%2FScheduled%20Output%2F${name}`, 'export-json-20990101-000000.json']) {
      const res = await fetch(`${served.base}${PREFIX}/files/${bad}`, { headers: owner() });
      expect(res.status, bad).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(text).not.toContain('private notes');
    }
  });

  it('POST /files/{file}/open opens only that file', async () => {
    const res = await fetch(`${served.base}${PREFIX}/files/${name}/open`, { method: 'POST', headers: owner() });
    expect(res.status).toBe(200);
    expect(served.opened).toEqual([path.join(served.outputDir, name)]);
    expect((await fetch(`${served.base}${PREFIX}/files/notes.md/open`, { method: 'POST', headers: owner() })).status).toBe(404);
  });
});
