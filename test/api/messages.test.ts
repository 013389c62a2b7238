/**
 * What the API says to people travels as codes plus parameters (shared/messages) beside the
 * seed's plain English fields, which stay as they were: a skipped run, a failed run, import
 * notes and an error answer, on the real core over real HTTP. Also the one-shot import of a
 * dropped file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { english, msg, renderMessage } from '../../shared/messages/index.js';
import { UPLOAD_MAX_BYTES } from '../../shared/sources.js';
import { DISCOGS_CSV, PREFIX, request, serve, type Served } from './harness.js';
import { assertMatches } from './openapi-check.js';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => s?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, p: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await request(s.server.port, method, `${PREFIX}${p}`, {
    headers: body === undefined ? s.owner : { 'content-type': 'application/json', ...s.owner },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: res.text ? res.json() : undefined };
}

describe('messages to people over the API', () => {
  it('a skipped run keeps the seed fields and adds its reason as a code, in the answer and the history', async () => {
    const run = await call('POST', '/trigger/export_collection_markdown');
    expect(run.status).toBe(200);
    assertMatches('RunResult', run.json);
    expect(Object.keys(run.json).slice(0, 3)).toEqual(['task', 'status', 'timestamp']);
    expect(run.json).toMatchObject({ status: 'skipped', error: english(msg('skip.empty_export')), text: { key: 'skip.empty_export' } });
    const [last] = (await call('GET', '/history?limit=1')).json;
    expect(last).toMatchObject({ id: run.json.run_id, text: { key: 'skip.empty_export' }, warning_texts: [] });
  });

  it('names albums in import notes by title, artist and year, with the notes as codes too', async () => {
    const csv = path.join(s.root, 'twice.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    expect((await call('POST', '/import', { path: csv })).status).toBe(200);
    const again = await call('POST', '/import', { path: csv });
    assertMatches('ImportSummary', again.json);
    expect(again.json.note_texts).toHaveLength(again.json.notes.length);
    expect(again.json.note_texts[0]).toMatchObject({ key: 'note.unchanged', params: { album: expect.stringMatching(/^.+ — .+/) } });
    expect(again.json.notes[0]).toBe(english(again.json.note_texts[0]));
    expect(JSON.stringify(again.json.notes)).not.toMatch(/album:\[|discogs:\d/);
    expect(renderMessage(again.json.note_texts[0], 'fr')).toMatch(/ : déjà dans la collection, inchangé\.$/);
  });

  it('a run that fails says why as a code; the exact English stays in `error`', async () => {
    fs.rmSync(s.outputDir, { recursive: true, force: true });
    fs.writeFileSync(s.outputDir, 'not a folder');
    try {
      const run = await call('POST', '/trigger/export_collection_json');
      expect(run.status).toBe(500);
      assertMatches('RunResult', run.json);
      expect(run.json).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('is a file, not a folder'),
        text: { key: 'error.not_a_folder', params: { path: s.outputDir } },
      });
    } finally {
      fs.rmSync(s.outputDir);
    }
  });

  it('an error answer carries its message as a code beside `detail`', async () => {
    const missing = path.join(s.root, 'nowhere.csv');
    const res = await call('POST', '/import', { path: missing });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ code: 'invalid_input', detail: `no such file: ${missing}`, text: { key: 'error.no_such_file', params: { file: missing } } });
  });

  it('a relative output folder, a generated file that is not there and a missing token are said as codes too', async () => {
    const relative = await call('PATCH', '/config', { output_dir: 'exports' });
    expect(relative.status).toBe(422);
    expect(relative.json.text).toEqual({ key: 'error.output_not_absolute', params: { path: 'exports' } });
    expect(renderMessage(relative.json.text, 'fr')).toBe('Le dossier de sortie doit être un chemin complet depuis la racine du disque (reçu : exports).');

    const gone = await call('GET', '/files/export-json-20200101-000000.json');
    expect(gone.status).toBe(404);
    expect(gone.json.text).toEqual({ key: 'error.no_generated_file', params: { name: 'export-json-20200101-000000.json' } });

    const anonymous = await request(s.server.port, 'POST', `${PREFIX}/import`, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'unauthorized', text: { key: 'error.owner_required' } });
  });
});

describe('one-shot import of a dropped file (POST /import/upload)', () => {
  const upload = (name: string, bytes: Buffer | string) => ({ name, data_base64: Buffer.from(bytes).toString('base64') });

  it('imports the file once, from a temporary copy that is then deleted, and links nothing', async () => {
    const name = 'dropped-by-the-api-test.csv';
    const res = await call('POST', '/import/upload', upload(name, DISCOGS_CSV));
    expect(res.status).toBe(200);
    assertMatches('ImportSummary', res.json);
    expect(res.json).toMatchObject({ format: 'discogs-csv', file: name });
    expect((await call('GET', '/sources')).json).toEqual([]);
    const copies = fs.readdirSync(os.tmpdir()).filter((dir) => dir.startsWith('aime-import-') && fs.existsSync(path.join(os.tmpdir(), dir, name)));
    expect(copies).toEqual([]);
  });

  it('refuses an empty file, a file over the limit and a path for a name, with the sources upload’s limits and messages', async () => {
    const empty = await call('POST', '/import/upload', upload('empty.csv', ''));
    expect(empty).toMatchObject({ status: 422, json: { text: { key: 'error.file_empty', params: { name: 'empty.csv' } } } });
    const big = await call('POST', '/import/upload', upload('big.csv', Buffer.alloc(UPLOAD_MAX_BYTES + 1, 'a')));
    expect(big.status).toBe(422);
    expect((await call('POST', '/import/upload', upload('../escape.csv', DISCOGS_CSV))).status).toBe(422);
  });

  it('is the owner’s: refused without the token, and from another origin', async () => {
    const body = JSON.stringify(upload('dropped.csv', DISCOGS_CSV));
    const anonymous = await request(s.server.port, 'POST', `${PREFIX}/import/upload`, { headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const foreign = await request(s.server.port, 'POST', `${PREFIX}/import/upload`, {
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...s.owner },
      body,
    });
    expect(foreign.status).toBe(403);
  });
});
