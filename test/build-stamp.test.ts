/** bin/build-stamp.cjs: when bin/aime.cjs trusts dist/cli and when it falls back to the sources. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliBuildIsFresh } from '../bin/build-stamp.cjs';
import { tempDir } from './support/temp-dir.js';

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function checkout(stamp: object | null): URL {
  root = tempDir('aime-stamp-');
  fs.mkdirSync(path.join(root, 'electron'), { recursive: true });
  fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'electron', 'cli.ts'), 'export {};\n');
  if (stamp) fs.writeFileSync(path.join(root, 'dist', 'cli', 'build-stamp.json'), JSON.stringify(stamp));
  return pathToFileURL(`${root}${path.sep}`);
}

describe('the CLI build stamp', () => {
  it('is fresh when no listed source changed after the build started', () => {
    const url = checkout({ built_at_ms: Date.now() + 60_000, inputs: ['electron/cli.ts'] });
    expect(cliBuildIsFresh(url)).toBe(true);
  });

  it('is stale once a listed source is newer than the build', () => {
    const url = checkout({ built_at_ms: Date.now() + 60_000, inputs: ['electron/cli.ts'] });
    const later = new Date(Date.now() + 120_000);
    fs.utimesSync(path.join(root, 'electron', 'cli.ts'), later, later);
    expect(cliBuildIsFresh(url)).toBe(false);
  });

  it('is stale when there is no build', () => {
    expect(cliBuildIsFresh(checkout(null))).toBe(false);
  });

  it('does not count a listed source that is absent (an install without sources)', () => {
    const url = checkout({ built_at_ms: Date.now() + 60_000, inputs: ['electron/cli.ts', 'electron/gone.ts'] });
    expect(cliBuildIsFresh(url)).toBe(true);
  });
});
