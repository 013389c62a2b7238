/** Runs the real `aime` command (bin/aime.mjs) in a child process, as a user's shell would. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const AIME_BIN = path.join(REPO, 'bin', 'aime.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without the developer's own AIME_* variables, so tests never read their real settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AIME_')) delete env[key];
  return { ...env, ...extra };
}

export function aime(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function aimeAsync(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [AIME_BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}
