/** bin/code-cache.mjs: the CLI's compiled code kept between runs, per command. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../bin/code-cache.mjs';
import { aime, REPO } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

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

  it('an export, which turns on V8’s gc for itself, leaves a cache the next export starts from', () => {
    const data = path.join(dir, 'data');
    const output = path.join(dir, 'out');
    const csv = path.join(dir, 'collection.csv');
    fs.writeFileSync(
      csv,
      'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added\n' +
        'X1,Eric Clapton,461 Ocean Boulevard,RSO,"LP, Album",,1974,111,Uncategorized,2020-11-18 19:17:05\n',
    );
    expect(aime(['import', csv, '--data', data, '--output', output]).code).toBe(0);
    const cache = path.join(cacheDir, `run-${process.version}-${process.arch}.bin`);
    expect(aime(['run', 'export_collection_json', '--data', data, '--output', output]).code).toBe(0);
    const written = fs.readFileSync(cache);
    // Had V8's flags changed, the next run would reject this cache and write another.
    expect(aime(['run', 'export_collection_json', '--data', data, '--output', output]).code).toBe(0);
    expect(fs.readFileSync(cache).equals(written)).toBe(true);
  });
});
