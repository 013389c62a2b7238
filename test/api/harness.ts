/**
 * Shared set-up for the REST API tests: a real core (SQLite, settings file, output folder) in a
 * fresh temporary folder, served by the real HTTP server on 127.0.0.1 with an OS-chosen port.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCore, type Core } from '../../electron/core/app.js';
import { startApiServer, type ApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';

export const PREFIX = '/api/v1/services/scheduler';

export interface Served {
  root: string;
  dataDir: string;
  outputDir: string;
  core: Core;
  server: ApiServer;
  base: string;
  logLines: string[];
  opened: string[];
  close(): Promise<void>;
}

/** A small Discogs collection export (the real 13-column header). */
export const DISCOGS_CSV = [
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes',
  'VP4188,Augustus Pablo,This Is Augustus Pablo,17 North Parade,"LP, Album, RE, RM",,2011,3068785,Uncategorized,2020-11-18 19:17:05,,,',
  'VP4201,Gregory Isaacs,Mr. Isaacs ,"17 North Parade, Earthquake","LP, RE, RM",,2019,13880176,Uncategorized,2020-11-18 19:18:50,,,',
  'AIR1,AIR,Moon Safari,Parlophone,"LP, Album, RE",,2023,111,Uncategorized,2023-01-01 10:00:00,,,',
  'AIR2,AIR,Talkie Walkie,Virgin,"CD, Album",,2004,112,Uncategorized,2023-01-01 10:00:00,,,',
  'AC1,Alice Cooper,Live From The Astroturf,Ear Music,"LP, Album",,2022,113,Uncategorized,2023-01-01 10:00:00,,,',
  '',
].join('\n');

export function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aime-'));
}

export interface ServeOptions {
  staticDir?: string;
  heartbeatMs?: number;
  /** Import DISCOGS_CSV through the core before serving. */
  withCollection?: boolean;
  /** This process's output folder (like `--output`); default `<temp>/Scheduled Output`. */
  outputDir?: (root: string) => string;
}

export async function serve(options: ServeOptions = {}): Promise<Served> {
  const root = tempRoot();
  const dataDir = path.join(root, 'data');
  const outputDir = options.outputDir ? options.outputDir(root) : path.join(root, 'Scheduled Output');
  const log = createMemoryLogger();
  const opened: string[] = [];
  const core = await createCore({
    dataDir,
    outputDir,
    log,
    // No AIME_EURIA_* from the developer's shell: haikus come from the offline writer.
    env: {},
    homeDir: root,
    openPath: async (dir) => {
      opened.push(dir);
      return true;
    },
  });
  await core.start();
  if (options.withCollection) {
    const csv = path.join(root, 'collection.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    await core.api.importCollection({ path: csv, format: 'discogs-csv' });
  }
  const server = await startApiServer({
    api: core.api,
    port: 0,
    log,
    staticDir: options.staticDir,
    heartbeatMs: options.heartbeatMs,
  });
  return {
    root,
    dataDir,
    outputDir,
    core,
    server,
    base: server.url,
    logLines: log.lines,
    opened,
    async close() {
      await server.close();
      await core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

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
