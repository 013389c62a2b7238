/** Who started a run, as the history records it when the run comes over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX, request, serve, type Served } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => s?.close());

interface Answer {
  status: number;
  json: { trigger?: string; detail?: string } & Array<{ trigger: string }>;
}

const call = async (method: string, route: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> => {
  const res = await request(s.server.port, method, `${PREFIX}${route}`, {
    headers: body === undefined ? headers : { ...headers, ...s.owner, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: res.json() as Answer['json'] };
};

describe('trigger source over HTTP', () => {
  it('records "api" by default and "manual" for a click in the settings page', async () => {
    expect((await call('POST', '/trigger/export_collection_json')).status).toBe(200);
    expect((await call('POST', '/trigger/export_collection_json?trigger=manual')).status).toBe(200);
    const history = await call('GET', '/history?limit=2');
    expect(history.json.map((r) => r.trigger)).toEqual(['manual', 'api']);
  });

  it('refuses a trigger that belongs to another front end, running nothing', async () => {
    const before = (await call('GET', '/history')).json.length;
    const refused = await call('POST', '/trigger/export_collection_json?trigger=tray');
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toBe('trigger must be api or manual (got "tray")');
    expect((await call('GET', '/history')).json.length).toBe(before);
  });

  it('records "cli" when the aime command says so in its header, and only that value', async () => {
    expect((await call('POST', '/trigger/export_collection_json', { 'X-Aime-Trigger': 'cli' })).status).toBe(200);
    expect((await call('GET', '/history?limit=1')).json.map((r) => r.trigger)).toEqual(['cli']);
    const before = (await call('GET', '/history')).json.length;
    for (const claim of ['schedule', 'tray', 'catch-up', 'CLI']) {
      const refused = await call('POST', '/trigger/export_collection_json', { 'X-Aime-Trigger': claim });
      expect(refused.status).toBe(422);
      expect(refused.json.detail).toBe(`X-Aime-Trigger must be cli (got ${JSON.stringify(claim)})`);
    }
    expect((await call('GET', '/history')).json.length).toBe(before);
  });

  it('records a one-shot import the same way: "api", "manual" from the page, "cli" from the aime command', async () => {
    const demo = { demo: true };
    const upload = { name: 'mine.json', data_base64: Buffer.from(JSON.stringify({ albums: [{ title: 'Kind of Blue', artists: ['Miles Davis'] }] })).toString('base64') };
    expect((await call('POST', '/import', {}, demo)).status).toBe(200);
    expect((await call('POST', '/import?trigger=manual', {}, demo)).status).toBe(200);
    expect((await call('POST', '/import/upload', { 'X-Aime-Trigger': 'cli' }, upload)).status).toBe(200);
    const history = (await call('GET', '/history?limit=3')).json as unknown as Array<{ task: string; trigger: string; status: string; file: string }>;
    expect(history.map((r) => [r.task, r.trigger, r.status])).toEqual([
      ['import_collection', 'cli', 'completed'],
      ['import_collection', 'manual', 'completed'],
      ['import_collection', 'api', 'completed'],
    ]);
    // A dropped file is named as dropped, not by its temporary copy.
    expect(history[0]!.file).toBe('mine.json');

    const before = (await call('GET', '/history')).json.length;
    expect((await call('POST', '/import?trigger=tray', {}, demo)).status).toBe(422);
    expect((await call('GET', '/history')).json.length).toBe(before);
  });
});
