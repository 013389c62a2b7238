/**
 * Shared set-up for the REST API tests: a real core (SQLite, settings file, output folder) in a
 * fresh temporary folder, served by the real HTTP server on 127.0.0.1 with an OS-chosen port
 * (test/support/served-core.ts), plus raw requests and the real curl.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';

export { DISCOGS_CSV, PREFIX, serve, type ServeOptions, type Served } from '../support/served-core.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/**
 * A request with full control of the headers (fetch refuses to set Host) and optionally a body
 * streamed in chunks without Content-Length.
 */
export function request(
  port: number,
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[]; host?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.host ?? '127.0.0.1', port, method, path: urlPath, headers: options.headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
        res.on('error', reject);
      },
    );
    // The server may answer 413 and close before a big body is fully sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunks) {
      const write = (i: number) => {
        if (i >= options.chunks!.length) return void req.end();
        req.write(options.chunks![i], () => write(i + 1));
      };
      write(0);
    } else {
      req.end(options.body);
    }
  });
}

const execFileAsync = promisify(execFile);

/** Runs the real curl binary; returns the HTTP status (from -w) and the body. */
export async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await execFileAsync('curl', ['-sS', '-w', '\n%{http_code}', ...args], { timeout: 20_000 });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

/** The settings file as saved on disk (conf's `settings.json` in the data folder). */
export function readSettingsFile(dataDir: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}
