/**
 * `aime serve` as a process: start, one process per data folder, clean stop on SIGTERM,
 * and recovery after `kill -9` in the middle of an export.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aime, aimeAsync } from './support/cli.js';
import { MAKE_AIME_DB } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function serve(args: string[]): Promise<Served> {
  const child = aimeAsync(['serve', '--port', '0', ...args]);
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      // The line serve prints once ready, not the log's earlier "API listening on …" echo.
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve({ child, url: match[1]!, stderr: () => err, exit });
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
}

const api = (url: string, route: string, init?: RequestInit) =>
  fetch(`${url}/api/v1/services/scheduler${route}`, init).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));

let data: string;
let output: string;
beforeAll(() => {
  data = tempDir('aime-serve-data-');
  output = tempDir('aime-serve-out-');
});
afterAll(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(output, { recursive: true, force: true });
});

describe('aime serve', () => {
  it('serves the API, refuses a second serve on the same data, and stops cleanly on SIGTERM', async () => {
    const first = await serve(['--data', data, '--output', output, '--demo']);
    try {
      const config = await api(first.url, '/config');
      expect(config.status).toBe(200);
      expect((config.body as { output_dir: string }).output_dir).toBe(output);

      const second = aime(['serve', '--port', '0', '--data', data]);
      expect(second.code).toBe(3); // busy or locked
      expect(second.stderr).toMatch(new RegExp(`used by another AIME process \\(pid ${first.child.pid}\\)`));

      const status = aime(['status', '--data', data]);
      expect(status.stdout).toMatch(new RegExp(`^scheduler: running in aime serve.* \\(pid ${first.child.pid}\\); timers enabled$`, 'm'));
      const json = JSON.parse(aime(['status', '--json', '--data', data]).stdout);
      expect(json.scheduler).toMatchObject({ enabled: true, running: true, holder: { pid: first.child.pid, program: 'serve' } });

      const run = await api(first.url, '/trigger/export_collection_markdown', { method: 'POST' });
      expect(run.status).toBe(200);
      expect((run.body as { status: string }).status).toBe('completed');
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exit).toBe(0);
    expect(fs.existsSync(path.join(data, 'aime.lock'))).toBe(false);
  }, 60_000);

  it('logs a recovered settings file (its echoed log and logs/aime.log) and says so in status', async () => {
    const own = tempDir('aime-serve-recovered-');
    try {
      expect(aime(['config', 'set', 'max_files_per_type', '20', '--data', own]).code).toBe(0);
      const file = path.join(own, 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 999 }));
      const line = /settings - WARN - settings\.json: max_files_per_type: .*; using 20 from settings\.last-good\.json/;
      const served = await serve(['--data', own]);
      try {
        const status = await api(served.url, '/status');
        expect(status.body).toMatchObject({ settings_recovered: true, warnings: [expect.stringContaining('max_files_per_type')] });
        // stderr is its own pipe: its line may arrive after stdout's "listening on".
        await new Promise<void>((resolve) => {
          const check = () => line.test(served.stderr()) && resolve();
          served.child.stderr!.on('data', check);
          check();
        });
      } finally {
        served.child.kill('SIGTERM');
      }
      expect(await served.exit).toBe(0);
      expect(fs.readFileSync(path.join(own, 'logs', 'aime.log'), 'utf8')).toMatch(line);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);

  it('after kill -9 during an export: no half file, lock recovered, the run shown as failed', async () => {
    // A collection big enough that the JSON export takes a moment.
    const source = path.join(data, 'big.db');
    execFileSync('python3', [MAKE_AIME_DB, source, '60000', '7']);
    expect(aime(['import', source, '--data', data]).code).toBe(0);

    const victim = await serve(['--data', data, '--output', output]);
    const trigger = api(victim.url, '/trigger/export_collection_json', { method: 'POST' }).catch(() => null);
    // Wait (bounded) until the export's temporary file exists, then kill the process hard.
    const deadline = Date.now() + 20_000;
    while (!fs.readdirSync(output).some((f) => f.startsWith('.aime-tmp')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(fs.readdirSync(output).some((f) => f.startsWith('.aime-tmp'))).toBe(true);
    victim.child.kill('SIGKILL');
    await victim.exit;
    await trigger;
    expect(fs.readdirSync(output).filter((f) => f.startsWith('export-json-'))).toEqual([]);

    const again = await serve(['--data', data, '--output', output]);
    try {
      expect(fs.readdirSync(output).filter((f) => f.startsWith('.aime-tmp'))).toEqual([]);
      const history = await api(again.url, '/history');
      const interrupted = (history.body as Array<{ task: string; status: string; error: string | null }>).find((r) => r.task === 'export_collection_json');
      expect(interrupted?.status).toBe('failed');
      expect(interrupted?.error).toMatch(/interrupted/);
    } finally {
      again.child.kill('SIGTERM');
    }
    expect(await again.exit).toBe(0);
  }, 120_000);
});
