/** The app:// scheme serves the built renderer and nothing else. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppScheme, rendererResponse, resolveRendererFile, serveRenderer } from './app-protocol.js';
import { tempDir } from '../../test/support/temp-dir.js';

let root: string;
let outside: string;

beforeAll(() => {
  const base = tempDir('aime-protocol-');
  root = path.join(base, 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>AIME</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'secret');
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('resolveRendererFile', () => {
  it('maps app://aime/ paths into the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://aime/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://aime/assets/app.js?v=1')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses other hosts, escapes and odd encodings', () => {
    for (const url of [
      'app://evil/index.html',
      'app://aime/../secret.txt',
      'app://aime/%2e%2e/secret.txt',
      'app://aime/assets/..%2f..%2fsecret.txt',
      'app://aime/%E0%A4%A',
      'app://aime/index.html%00.js',
      'https://aime/index.html',
      'not a url',
    ]) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
      expect(file, url).not.toBe(outside);
    }
  });
});

describe('rendererResponse', () => {
  it('answers files with their type and the CSP header', async () => {
    const response = await rendererResponse(root, 'app://aime/assets/app.js', "default-src 'self'");
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 (with the CSP) for a missing file or a path outside the folder', async () => {
    for (const url of ['app://aime/missing.js', 'app://aime/../secret.txt', 'app://aime/assets']) {
      const response = await rendererResponse(root, url, 'x');
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe('x');
    }
  });

  it('registers a standard secure scheme and a handler serving the folder', async () => {
    const registered: unknown[] = [];
    let handler: ((r: { url: string }) => Promise<Response>) | undefined;
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void registered.push(...s) });
    serveRenderer({ handle: (_scheme, h) => void (handler = h) }, root, 'csp');
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    expect(await (await handler!({ url: 'app://aime/index.html' })).text()).toContain('<title>AIME</title>');
  });
});
