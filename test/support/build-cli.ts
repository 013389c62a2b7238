/**
 * Vitest global setup: the tests that spawn bin/aime.cjs must run the built CLI, as users do,
 * not the tsx fallback. Rebuilds dist/cli once per test run when a source is newer than it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(): Promise<void> {
  const build = (await import(path.join(ROOT, 'scripts', 'build.mjs'))) as {
    buildCli: () => Promise<unknown>;
    cliIsBuilt: () => boolean;
  };
  if (!build.cliIsBuilt()) await build.buildCli();
}
