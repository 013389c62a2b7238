/**
 * Loopback only (DESIGN.md §5): what a web page in the user's browser could send must be refused
 * — foreign Host (DNS rebinding), foreign Origin, oversized bodies — while curl-style requests work.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, SETTINGS_PAGE_CSP } from '../../electron/core/api/index.js';
import { curl, PREFIX, readSettingsFile, request, serve, type Served } from './harness.js';
import { tempDir } from '../support/temp-dir.js';

let s: Served;
let root: string;
let page: string;
beforeAll(async () => {
  root = tempDir();
  page = path.join(root, 'page');
  fs.mkdirSync(page);
  fs.mkdirSync(path.join(page, 'assets'));
  fs.writeFileSync(path.join(page, 'index.html'), '<!doctype html><title>AIME</title><div id="root"></div>');
  fs.writeFileSync(path.join(page, 'assets', 'app.js'), 'console.log("aime")');
  s = await serve({ staticDir: page });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const config = `${PREFIX}/config`;

describe('Host', () => {
  it.each(['127.0.0.1:PORT', 'localhost:PORT', '[::1]:PORT', 'LOCALHOST:PORT', '127.0.0.1', 'localhost'])(
    'accepts %s',
    async (host) => {
      const res = await request(s.server.port, 'GET', config, { headers: { host: host.replace('PORT', String(s.server.port)) } });
      expect(res.status).toBe(200);
    },
  );

  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1.evil.example:PORT',
    'localhost.:PORT',
    '192.168.1.10:PORT',
    '0.0.0.0:PORT',
    '127.0.0.2:PORT',
    'localhost:1',
    '127.0.0.1:PORT0',
  ])('refuses Host %j with 403, before any route runs', async (host) => {
    const before = readSettingsFile(s.dataDir).max_files_per_type;
    const res = await request(s.server.port, 'PATCH', `${config}?max_files_per_type=7`, {
      headers: { host: host.replace('PORT', String(s.server.port)) },
    });
    expect(res.status).toBe(403);
    const body = res.json() as { code: string; detail: string };
    expect(body.code).toBe('forbidden');
    expect(body.detail).toMatch(/Host/);
    expect(readSettingsFile(s.dataDir).max_files_per_type).toBe(before);
  });

  it.each([
    ['no Host at all (HTTP/1.0)', 'GET /api/v1/services/scheduler/config HTTP/1.0\r\n\r\n'],
    ['an empty Host', 'GET /api/v1/services/scheduler/config HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n'],
  ])('refuses a request with %s', async (_what, raw) => {
    const answer = await rawExchange(s.server.port, raw);
    expect(answer).toMatch(/^HTTP\/1\.[01] (403|400) /);
    expect(answer).not.toContain('"tasks"');
  });
});

/** Sends bytes as they are (no client fills in a Host) and returns the whole answer. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    const parts: Buffer[] = [];
    socket.on('data', (d: Buffer) => parts.push(d));
    socket.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('Origin', () => {
  it.each(['http://127.0.0.1:PORT', 'http://localhost:PORT', 'http://[::1]:PORT'])('accepts its own origin %s', async (origin) => {
    const res = await request(s.server.port, 'GET', config, { headers: { origin: origin.replace('PORT', String(s.server.port)) } });
    expect(res.status).toBe(200);
  });

  it.each([
    'https://evil.example',
    'http://localhost:3000',
    'http://127.0.0.1',
    'https://127.0.0.1:PORT',
    'null',
    'http://127.0.0.1:PORT.evil.example',
  ])('refuses a POST from origin %j with 403 and runs nothing', async (origin) => {
    const res = await request(s.server.port, 'POST', `${PREFIX}/trigger/export_collection_json`, {
      headers: { origin: origin.replace('PORT', String(s.server.port)) },
    });
    expect(res.status).toBe(403);
    expect((res.json() as { detail: string }).detail).toMatch(/Origin/);
    expect(await s.core.api.history()).toEqual([]);
  });

  it('refuses an event stream opened by another site', async () => {
    const res = await request(s.server.port, 'GET', `${PREFIX}/events`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('refuses a cross-site navigation to the API that carries no Origin', async () => {
    const res = await request(s.server.port, 'GET', config, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });
});

describe('bodies', () => {
  it('refuses a body over 1 MiB announced by Content-Length with 413', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const res = await request(s.server.port, 'PATCH', `${PREFIX}/tasks/export_collection_json`, {
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', limit: MAX_BODY_BYTES });
  });

  it('refuses a streamed body without Content-Length once it passes 1 MiB', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = Array.from({ length: 20 }, () => chunk); // 1.25 MiB
    const res = await request(s.server.port, 'POST', `${PREFIX}/import`, {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks,
    });
    expect(res.status).toBe(413);
  });

  it('accepts a streamed body under the limit', async () => {
    const json = Buffer.from(JSON.stringify({ time: '07:45' }));
    const res = await request(s.server.port, 'PATCH', `${PREFIX}/tasks/export_collection_json`, {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: [json.subarray(0, 5), json.subarray(5)],
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ name: 'export_collection_json', time: '07:45' });
  });

  it('answers 422 naming the problem for a body that is not JSON', async () => {
    const res = await request(s.server.port, 'PATCH', `${PREFIX}/tasks/export_collection_json`, {
      headers: { 'content-type': 'application/json' },
      body: '{"time": "07:45",}',
    });
    expect(res.status).toBe(422);
    expect((res.json() as { detail: string }).detail).toMatch(/not valid JSON: .+/);
  });
});

describe('what curl and the built page get', () => {
  it('curl without Origin works on localhost and 127.0.0.1', async () => {
    for (const host of ['localhost', '127.0.0.1']) {
      const { status } = await curl([`http://${host}:${s.server.port}${config}`]);
      expect(status).toBe(200);
    }
  });

  it('curl with a forged Host is refused', async () => {
    const { status } = await curl(['-H', 'Host: attacker.example', `http://127.0.0.1:${s.server.port}${config}`]);
    expect(status).toBe(403);
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await request(s.server.port, 'GET', '/api/v1/services/scheduler/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({ code: 'not_found' });
    expect((res.json() as { detail: string }).detail).toContain('GET /api/v1/services/scheduler/nope');
  });

  it('serves the settings page at / with the strict CSP', async () => {
    const res = await request(s.server.port, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['content-security-policy']).toBe(SETTINGS_PAGE_CSP);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const js = await request(s.server.port, 'GET', '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('falls back to index.html for client routes, not for missing assets or API paths', async () => {
    const route = await request(s.server.port, 'GET', '/history');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<div id="root">');
    expect((await request(s.server.port, 'GET', '/assets/missing.js')).status).toBe(404);
    const api = await request(s.server.port, 'GET', '/api/v1/unknown');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });

  it('never serves files outside the page folder', async () => {
    fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CONTENT');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await request(s.server.port, 'GET', p);
      expect(res.text, p).not.toContain('TOP-SECRET-CONTENT');
    }
  });
});
