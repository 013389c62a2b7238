/**
 * POST /import reads only regular files of one's own and never quotes what it read (issue 15):
 * /proc/self/environ used to come back in the error, key included, and into the log.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX, request, serve, type Served } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => s?.close());

async function importPath(file: string, format?: string) {
  const res = await request(s.server.port, 'POST', `${PREFIX}/import`, {
    headers: { 'content-type': 'application/json', ...s.owner },
    body: JSON.stringify(format ? { path: file, format } : { path: file }),
  });
  return { status: res.status, text: res.text, detail: (res.json() as { detail: string }).detail };
}

const environ = fs.readFileSync('/proc/self/environ', 'utf8');
const envValue = (process.env.PATH ?? '').slice(0, 20);

function expectNothingQuoted(text: string): void {
  expect(text).not.toContain('PATH=');
  expect(text).not.toContain(envValue);
  expect(s.logLines.join('\n')).not.toContain('PATH=');
}

describe('import paths', () => {
  it.each([
    ['/proc/self/environ', 'discogs-csv'],
    ['/proc/self/environ', undefined],
    ['/sys/kernel/mm/transparent_hugepage/enabled', 'json'],
    ['/dev/null', 'discogs-csv'],
  ])('refuses %s (format %s) without reading it', async (file, format) => {
    if (!fs.existsSync(file)) return;
    const res = await importPath(file, format);
    expect(res.status).toBe(422);
    expect(res.detail).toMatch(/^not a file: /);
    expectNothingQuoted(res.text);
    expect((await request(s.server.port, 'GET', `${PREFIX}/collection`, { headers: s.owner })).json()).toMatchObject({ albums: 0 });
  });

  it('refuses a link to /proc/self/environ', async () => {
    expect(environ).toContain('PATH=');
    const link = path.join(s.root, 'innocent.csv');
    fs.symlinkSync('/proc/self/environ', link);
    const res = await importPath(link, 'discogs-csv');
    expect(res.status).toBe(422);
    expect(res.detail).toBe(`not a file: ${link} is a system file (under /proc); import a collection file of your own`);
    expectNothingQuoted(res.text);
  });

  it('refuses a named pipe and a socket at once, without waiting on them', async () => {
    const fifo = path.join(s.root, 'collection.csv');
    execFileSync('mkfifo', [fifo]);
    expect((await importPath(fifo)).detail).toBe(`not a file: ${fifo} is a named pipe`);
    const socketPath = path.join(s.root, 'collection.sock');
    const server = net.createServer().listen(socketPath);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect((await importPath(socketPath, 'json')).detail).toBe(`not a file: ${socketPath} is a socket`);
    } finally {
      server.close();
    }
  });

  it('names what a random-bytes "CSV" lacks, quoting none of its bytes', async () => {
    const file = path.join(s.root, 'random.csv');
    const bytes = crypto.randomBytes(4096);
    // A comma-separated first line made of random bytes, so it reaches the header check.
    fs.writeFileSync(file, Buffer.concat([Buffer.from('x7Q,'), bytes.subarray(0, 40).map((b) => (b === 10 || b === 13 || b === 34 ? 65 : b)), Buffer.from('\n'), bytes]));
    const res = await importPath(file, 'discogs-csv');
    expect(res.status).toBe(422);
    expect(res.detail).toBe(
      'random.csv: not a Discogs CSV: its header lacks Artist, Title, Format, Released, release_id (a Discogs collection export has Artist, Title, Format, Released, release_id)',
    );
    expect(res.text).not.toContain('x7Q');
    expect(s.logLines.join('\n')).not.toContain('x7Q');
  });

  it('says where invalid JSON breaks, quoting none of it', async () => {
    const file = path.join(s.root, 'secret.json');
    fs.writeFileSync(file, '{"albums": [], "api_key": sk-leaked-123}');
    const res = await importPath(file, 'json');
    expect(res.status).toBe(422);
    expect(res.detail).toMatch(/^secret\.json line 1 column \d+: invalid JSON \(unexpected character\)$/);
    expect(s.logLines.join('\n')).not.toContain('sk-leaked');
  });
});
