/**
 * Logging never kills the host: `aime serve` whose stderr is a full disk (/dev/full) or a pipe
 * nobody reads any more keeps serving and scheduling, and stops cleanly on SIGTERM.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AIME_BIN, cleanEnv } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function serveWith(stderr: 'closed-pipe' | 'dev-full') {
  const data = tempDir('aime-stderr-data-');
  const output = tempDir('aime-stderr-out-');
  dirs.push(data, output);
  const full = stderr === 'dev-full' ? fs.openSync('/dev/full', 'w') : undefined;
  const stdio: StdioOptions = ['ignore', 'pipe', full ?? 'pipe'];
  const child = spawn(process.execPath, [AIME_BIN, 'serve', '--port', '0', '--data', data, '--output', output, '--demo'], {
    env: cleanEnv(),
    stdio,
  });
  if (full !== undefined) fs.closeSync(full);
  // The reader goes away at once: every later write to stderr fails with EPIPE.
  child.stderr?.destroy();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      // serve's own ready line (after --demo is loaded), not the log's earlier "API listening on …" echo.
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
  return { child, url, exit, data };
}

describe.each(['closed-pipe', 'dev-full'] as const)('aime serve with a failing stderr (%s)', (kind) => {
  it('keeps answering and running tasks, and exits 0 on SIGTERM', async () => {
    const served = await serveWith(kind);
    try {
      for (let i = 0; i < 3; i++) {
        const run = await fetch(`${served.url}/api/v1/services/scheduler/trigger/export_collection_markdown`, { method: 'POST' });
        expect(run.status).toBe(200);
        expect(((await run.json()) as { status: string }).status).toBe('completed');
      }
      const status = await fetch(`${served.url}/api/v1/services/scheduler/status`);
      expect(status.status).toBe(200);
      expect(served.child.exitCode).toBeNull();
    } finally {
      served.child.kill('SIGTERM');
    }
    expect(await served.exit).toBe(0);
    expect(fs.existsSync(path.join(served.data, 'aime.lock'))).toBe(false);
  }, 90_000);
});
