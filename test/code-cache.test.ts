/** bin/code-cache.cjs: the CLI's compiled code kept between runs, per command. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../bin/code-cache.cjs';
import { aime, cleanEnv, REPO } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const RUN_WITH_CACHE = path.join(REPO, 'test', 'support', 'run-with-cache.mjs');

let dir: string;
beforeEach(() => (dir = tempDir('aime-code-cache-')));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A CommonJS bundle in the shape esbuild writes: it requires a built-in and exports a function. */
function bundle(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `const path = require('node:path');\nmodule.exports = { answer: () => ${body}, base: path.basename(__filename) };\n`);
  return file;
}

describe('requireWithCodeCache', () => {
  it('runs the file like require, saves its cache once, then starts from it', () => {
    const file = bundle('cli.cjs', '42');
    const cache = path.join(dir, 'code-cache', 'status.bin');
    const first = requireWithCodeCache(file, cache);
    const exports = first.exports as { answer(): number; base: string };
    expect([exports.answer(), exports.base, first.cached]).toEqual([42, 'cli.cjs', false]);
    first.save();
    const bytes = fs.readFileSync(cache);
    expect(bytes.length).toBeGreaterThan(0);
    const second = requireWithCodeCache(file, cache);
    expect([(second.exports as typeof exports).answer(), second.cached]).toEqual([42, true]);
    second.save(); // a cache in use is not rewritten
    expect(fs.readFileSync(cache).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(cache))).toEqual(['status.bin']);
  });

  it('a cache V8 rejects (another source) is not used, and is written again', () => {
    const cache = path.join(dir, 'code-cache', 'run.bin');
    requireWithCodeCache(bundle('old.cjs', '1'), cache).save();
    const changed = requireWithCodeCache(bundle('new.cjs', '"a longer body"'), cache);
    expect([(changed.exports as { answer(): string }).answer(), changed.cached]).toEqual(['a longer body', false]);
    changed.save();
    expect(requireWithCodeCache(path.join(dir, 'new.cjs'), cache).cached).toBe(true);
  });

  it('a cache folder that cannot be written leaves the command working, uncached', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const loaded = requireWithCodeCache(bundle('cli.cjs', '7'), path.join(blocker, 'help.bin'));
    expect(() => loaded.save()).not.toThrow();
    expect((loaded.exports as { answer(): number }).answer()).toBe(7);
  });
});

describe('aime keeps one cache per command', () => {
  const cacheDir = path.join(REPO, 'dist', 'cli', 'code-cache');

  it('--version writes the help cache; a mistyped command writes none', () => {
    expect(aime(['--version']).code).toBe(0);
    expect(fs.readdirSync(cacheDir)).toContain(`help-${process.version}-${process.arch}.bin`);
    expect(aime(['rnu']).code).toBe(2);
    expect(fs.readdirSync(cacheDir).filter((name) => name.startsWith('rnu-'))).toEqual([]);
  });

  // Exports change V8's flags while they run (heap-bound.ts); V8 stamps its caches with the flags
  // of the moment they are written, and rejects a cache whose stamp differs from its own.
  it.each(['export_collection_json', 'export_collection_markdown'])('%s sets V8’s flags back: the next run starts from its cache', (task) => {
    const data = path.join(dir, 'data');
    const output = path.join(dir, 'out');
    const csv = path.join(dir, 'collection.csv');
    fs.writeFileSync(
      csv,
      'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added\n' +
        'X1,Eric Clapton,461 Ocean Boulevard,RSO,"LP, Album",,1974,111,Uncategorized,2020-11-18 19:17:05\n',
    );
    expect(aime(['import', csv, '--data', data, '--output', output]).code).toBe(0);
    const cache = path.join(dir, 'code-cache', 'run.bin');
    const run = () => {
      const child = spawnSync(process.execPath, [RUN_WITH_CACHE, cache, 'run', task, '--data', data, '--output', output], {
        env: cleanEnv(),
        encoding: 'utf8',
      });
      expect(child.status).toBe(0);
      return child.stderr.trim().split('\n').at(-1);
    };
    expect(run()).toBe('cached=false');
    expect(run()).toBe('cached=true');
  });
});
