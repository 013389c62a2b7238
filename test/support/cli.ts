/** Runs the real `aime` command (bin/aime.cjs) in a child process, as a user's shell would. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const AIME_BIN = path.join(REPO, 'bin', 'aime.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Environment without the developer's own AIME_* variables, so tests never read their real
 * settings, and in English (the command's words follow LC_ALL/LC_MESSAGES/LANG) unless a test
 * asks for another language.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AIME_') || key === 'LC_ALL' || key === 'LC_MESSAGES') delete env[key];
  return { ...env, LANG: 'C.UTF-8', ...extra };
}

export function aime(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function aimeAsync(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Runs `aime` without blocking this process (so a fake server in the test can answer it),
 * writing `input` to its standard input.
 */
export function aimeAsyncResult(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
