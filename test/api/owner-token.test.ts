/**
 * The local API lets in only its owner (issue 15): loopback is shared by every local user and
 * program, so every change beyond the seed's three operations needs the token in
 * <data>/api-token. Token-less requests are refused with 401 and change nothing; the seed's
 * lines and the read-only status, history and events stay open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiToken } from '../../electron/core/api-token.js';
import { PREFIX, request, serve, type Served } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serve({ withCollection: true });
});
afterAll(async () => s?.close());

const json = { 'content-type': 'application/json' };
const send = (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) =>
  request(s.server.port, method, `${PREFIX}${route}`, {
    headers: body === undefined ? headers : { ...json, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the API token', () => {
  it('is written at the first start, 0600, and readable by the CLI helper', () => {
    const file = path.join(s.dataDir, 'api-token');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readApiToken(s.dataDir)).toBe(s.token);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('changes without the token are refused and change nothing', () => {
  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-0123456789abcdef0123456789' }],
    ['another scheme', { authorization: `Basic ${Buffer.from(`x:${'t'}`).toString('base64')}` }],
  ])('an import, with %s', async (_name, headers) => {
    const csv = path.join(s.root, 'more.csv');
    fs.writeFileSync(csv, 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id\nX1,New,Album,L,LP,,2020,999\n');
    const before = await s.core.api.collectionStats();
    const res = await send('POST', '/import', { path: csv, format: 'discogs-csv' }, headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="AIME Scheduler"');
    expect(res.json()).toMatchObject({ code: 'unauthorized', detail: expect.stringMatching(/api-token/) });
    expect(await s.core.api.collectionStats()).toEqual(before);
  });

  it('a EurIA change (the key-stealing PATCH)', async () => {
    await s.core.api.updateEuria({ url: 'https://api.infomaniak.com/v1/chat/completions', api_key: 'sk-owner' });
    const before = s.core.settings.get().euria;
    const res = await send('PATCH', '/euria', { url: 'http://127.0.0.1:9/steal' });
    expect(res.status).toBe(401);
    expect((await send('POST', '/euria/test')).status).toBe(401);
    expect((await send('GET', '/euria')).status).toBe(401);
    expect(s.core.settings.get().euria).toEqual(before);
  });

  it('an output folder change, through PATCH /config with a body', async () => {
    const before = (await s.core.api.getConfig()).output_dir;
    const res = await send('PATCH', '/config', { output_dir: path.join(s.root, 'elsewhere') });
    expect(res.status).toBe(401);
    expect((await s.core.api.getConfig()).output_dir).toBe(before);
    expect(fs.existsSync(path.join(s.root, 'elsewhere'))).toBe(false);
  });

  it.each([
    ['POST', '/stop', undefined],
    ['POST', '/start', undefined],
    ['PATCH', '/tasks/export_collection_json', { time: '03:00' }],
    ['POST', '/open-output', undefined],
    ['GET', '/files', undefined],
  ])('%s %s', async (method, route, body) => {
    const before = await s.core.api.getConfig();
    expect((await send(method, route, body)).status).toBe(401);
    expect(await s.core.api.getConfig()).toEqual(before);
    expect(s.opened).toEqual([]);
  });

  it('and the same requests with the Bearer token go through', async () => {
    expect((await send('PATCH', '/tasks/export_collection_json', { time: '03:00' }, s.owner)).status).toBe(200);
    expect((await send('PATCH', '/config', { catch_up_missed_runs: false }, s.owner)).status).toBe(200);
    expect((await send('GET', '/euria', undefined, s.owner)).json()).toMatchObject({ key_configured: true });
  });
});

describe('open without a token on loopback', () => {
  it('the seed’s three operations, status, history, events and openapi.json', async () => {
    expect((await send('GET', '/config')).status).toBe(200);
    expect((await send('PATCH', '/config?max_files_per_type=7')).json()).toEqual({ max_files_per_type: 7 });
    expect((await send('POST', '/trigger/export_collection_json')).json()).toMatchObject({ status: 'completed' });
    expect((await send('GET', '/status')).status).toBe(200);
    expect((await send('GET', '/history?limit=1')).status).toBe(200);
    expect((await request(s.server.port, 'GET', '/api/v1/openapi.json')).status).toBe(200);
    const events = await fetch(`${s.base}${PREFIX}/events`, { signal: AbortSignal.timeout(2000) });
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });
});

describe('the settings page’s one-time link', () => {
  it('is traded once for an HttpOnly, SameSite=Strict cookie that opens owner routes', async () => {
    const link = new URL(s.server.ownerUrl());
    const first = await request(s.server.port, 'GET', `${link.pathname}${link.search}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^aime_owner=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const again = await request(s.server.port, 'GET', `${link.pathname}${link.search}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();

    const session = { cookie: cookie.split(';')[0]! };
    expect((await send('GET', '/euria', undefined, session)).status).toBe(200);
    expect((await send('GET', '/euria', undefined, { cookie: 'aime_owner=forged' })).status).toBe(401);
  });

  it('also takes the API token itself, for a second browser', async () => {
    const res = await request(s.server.port, 'GET', `/?token=${s.token}`);
    expect(res.status).toBe(303);
    expect(res.headers['set-cookie']![0]).toMatch(/HttpOnly; SameSite=Strict/);
  });
});
