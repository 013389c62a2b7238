/**
 * The CLI beside a running host (DESIGN.md §5 "One host"): with `aime serve` holding a data
 * folder, `aime config set`, `aime run` and `aime status` work through its API instead of
 * failing or opening the folder themselves. The config event reaches an SSE client within a
 * second, the run lands in serve's output folder and is in its history as "cli".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIME_BIN, aime, aimeAsync, cleanEnv } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const PREFIX = '/api/v1/services/scheduler';
let data: string;
let output: string;
let child: ChildProcess;
let url: string;
let exit: Promise<number | null>;

/** Runs `aime` without blocking this process (the SSE reader keeps reading meanwhile). */
function aimeNow(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => (stdout += chunk));
  proc.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Collects SSE events as they come, each with the time it arrived. */
async function listen(): Promise<{ events: Array<{ type: string; data: Record<string, unknown>; at: number }>; stop(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${url}${PREFIX}/events`, { signal: controller.signal });
  const reader = response.body!.getReader();
  const events: Array<{ type: string; data: Record<string, unknown>; at: number }> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const line = /^data: (.*)$/m.exec(block)?.[1];
          if (type && line) events.push({ type, data: JSON.parse(line) as Record<string, unknown>, at: Date.now() });
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return { events, stop: () => controller.abort() };
}

beforeAll(async () => {
  data = tempDir('aime-beside-data-');
  output = tempDir('aime-beside-out-');
  child = aimeAsync(['serve', '--port', '0', '--data', data, '--output', output, '--demo']);
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      // The line serve prints once ready (the log echoes "API listening on …" a moment earlier).
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  child.kill('SIGTERM');
  await exit;
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(output, { recursive: true, force: true });
});

describe('with aime serve holding the data folder', () => {
  it('the lock names serve\'s port', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(data, 'aime.lock'), 'utf8')) as { pid: number; port: number };
    expect(lock).toMatchObject({ pid: child.pid, port: Number(new URL(url).port) });
  });

  it('aime config set goes through serve: saved by serve, and an SSE client sees the event within a second', async () => {
    const sse = await listen();
    try {
      const result = await aimeNow(['config', 'set', 'max_files_per_type', '9', '--data', data]);
      const done = Date.now();
      expect(result).toMatchObject({ code: 0, stdout: 'max_files_per_type = 9\n', stderr: '' });
      const deadline = done + 1000;
      while (!sse.events.some((e) => e.type === 'config-changed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const event = sse.events.find((e) => e.type === 'config-changed');
      expect(event, 'config-changed within a second').toBeDefined();
      expect(event!.data).toMatchObject({ config: { max_files_per_type: 9 } });
      const config = (await (await fetch(`${url}${PREFIX}/config`)).json()) as { max_files_per_type: number };
      expect(config.max_files_per_type).toBe(9);
    } finally {
      sse.stop();
    }
  }, 30_000);

  it('aime run runs in serve: the same lines and exit code, the file in serve\'s output folder, "cli" in its history', async () => {
    const result = await aimeNow(['run', 'export_collection_json', '--data', data]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const file = result.stdout.trim();
    expect(path.dirname(file)).toBe(output);
    expect(path.basename(file)).toMatch(/^export-json-\d{8}-\d{6}(-\d+)?\.json$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).total_albums).toBeGreaterThan(0);
    const history = (await (await fetch(`${url}${PREFIX}/history`)).json()) as Array<{ task: string; trigger: string; file: string }>;
    expect(history[0]).toMatchObject({ task: 'export_collection_json', trigger: 'cli', file });
  }, 30_000);

  it('aime status answers from serve; a bad task is refused with the same message and exit code as alone', async () => {
    const status = await aimeNow(['status', '--data', data]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^scheduler: running in aime serve on port ${new URL(url).port} \\(pid ${child.pid}\\)`, 'm'));
    expect(status.stdout).toMatch(/^export_collection_json: enabled, next \d{4}-\d\d-\d\dT\d\d:\d\d.*, last completed at .* → export-json-/m);
    const bad = aime(['run', 'export_everything', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown task "export_everything"; valid tasks: generate_haiku_scheduled/);
  }, 30_000);
});
