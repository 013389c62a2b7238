/**
 * The server itself: loopback sockets only, a clear error for a port in use, a failed run
 * reported as a failure (HTTP 500, status "failed"), and the router unit-tested with app.request().
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp, openApiDocument, startApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { DISCOGS_CSV, PREFIX, curl, serve, type Served } from './harness.js';

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('sockets', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => s?.close());

  it('listens on 127.0.0.1, and on [::1] wherever the machine has an IPv6 loopback', async () => {
    expect(s.server.url).toBe(`http://127.0.0.1:${s.server.port}`);
    expect(s.server.addresses[0]).toBe(`127.0.0.1:${s.server.port}`);
    expect(await connects('127.0.0.1', s.server.port)).toBe(true);
    const v6 = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    await s.server.ipv6; // a moment after the start, not before its first answer
    expect(s.server.addresses.includes(`[::1]:${s.server.port}`)).toBe(v6);
    expect(await connects('::1', s.server.port)).toBe(v6);
  });

  it('closed before [::1] opens, it never opens it, and nothing stays listening', async () => {
    const early = await startApiServer({ api: s.core.api, port: 0, log: createMemoryLogger(), token: s.token });
    await early.close();
    await early.ipv6;
    expect(early.addresses).toEqual([`127.0.0.1:${early.port}`]);
    expect(await connects('127.0.0.1', early.port)).toBe(false);
    expect(await connects('::1', early.port)).toBe(false);
  });

  it('is not reachable on any other address of this machine', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
      .map((a) => a.address);
    // 127.0.0.2 reaches this machine on Linux whatever its interfaces: it answers only if the
    // server were bound to every address (0.0.0.0) instead of 127.0.0.1.
    for (const address of ['127.0.0.2', ...external]) {
      expect(await connects(address, s.server.port), address).toBe(false);
    }
  });

  it('says which port is taken when it cannot listen', async () => {
    await expect(startApiServer({ api: s.core.api, port: s.server.port, log: createMemoryLogger(), token: s.token })).rejects.toThrow(
      new RegExp(`port ${s.server.port} on 127.0.0.1 is already in use`),
    );
  });
});

describe('a run that fails', () => {
  let s: Served;
  beforeAll(async () => {
    // The output "folder" lies under a plain file: the export cannot be written.
    s = await serve({
      outputDir: (root) => {
        fs.writeFileSync(path.join(root, 'not-a-folder'), 'x');
        return path.join(root, 'not-a-folder', 'out');
      },
    });
    const csv = path.join(s.root, 'c.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    await s.core.api.importCollection({ path: csv });
  });
  afterAll(async () => s?.close());

  it('answers 500 with status "failed" and the error, never "completed"', async () => {
    const { status, body } = await curl(['-X', 'POST', `http://localhost:${s.server.port}${PREFIX}/trigger/export_collection_json`]);
    expect(status).toBe(500);
    const result = JSON.parse(body) as { task: string; status: string; error: string; file: null };
    expect(Object.keys(result).slice(0, 3)).toEqual(['task', 'status', 'timestamp']);
    expect(result).toMatchObject({ task: 'export_collection_json', status: 'failed', file: null });
    expect(result.error).toContain('not-a-folder');
    const [last] = await s.core.api.history(1);
    expect(last).toMatchObject({ status: 'failed', trigger: 'api' });
  });
});

describe('the router alone (app.request)', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => s?.close());

  const app = () => createApiApp(s.core.api, { log: createMemoryLogger(), port: 8000, token: s.token });

  it('answers the seed config on http://localhost:8000', async () => {
    const res = await app().request(`http://localhost:8000${PREFIX}/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: true, max_files_per_type: 5 });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('checks the port named by Host and Origin against its own', async () => {
    expect((await app().request(`http://localhost:8001${PREFIX}/config`)).status).toBe(403);
    const wrongOrigin = await app().request(`http://localhost:8000${PREFIX}/config`, {
      headers: { origin: 'http://localhost:8001' },
    });
    expect(wrongOrigin.status).toBe(403);
    const ownOrigin = await app().request(`http://127.0.0.1:8000${PREFIX}/config`, {
      headers: { origin: 'http://localhost:8000' },
    });
    expect(ownOrigin.status).toBe(200);
  });

  it('has no page at / without a built renderer, and says where the API is', async () => {
    const res = await app().request('http://127.0.0.1:8000/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toContain(PREFIX);
  });

  it('refuses a wrong method on a known path as an unknown endpoint', async () => {
    const res = await app().request(`http://127.0.0.1:8000${PREFIX}/trigger/export_collection_json`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toContain(`GET ${PREFIX}/trigger/export_collection_json`);
  });

  it('imports the bundled demo collection on request', async () => {
    const res = await app().request(`http://127.0.0.1:8000${PREFIX}/import`, {
      method: 'POST',
      headers: s.owner,
      body: JSON.stringify({ demo: true }),
    });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { format: string; added: number; total_albums: number };
    expect(summary.format).toBe('demo');
    expect(summary.added).toBeGreaterThan(0);
    expect((await s.core.api.collectionStats()).albums).toBe(summary.total_albums);
  });

  it('publishes the same document it serves', async () => {
    const res = await app().request('http://127.0.0.1:8000/api/v1/openapi.json');
    expect(await res.json()).toEqual(openApiDocument());
  });
});
