#!/usr/bin/env node
/**
 * Builds the `aime` command (the CLI, `aime serve` and the engine) into dist/cli/, once, with
 * esbuild: `npm install` / `npm ci` run it as the `prepare` script, in about a second.
 * bin/aime.cjs then starts the built JavaScript instead of compiling TypeScript on every run.
 *
 *   dist/cli/cli.cjs           the CLI and the engine (electron/cli.ts) as one CommonJS file:
 *                              bin/aime.cjs compiles it with V8's code cache (bin/code-cache.cjs),
 *                              which Node 20 offers for scripts but not for ES modules; each
 *                              command's modules are still evaluated only when it runs
 *   dist/cli/code-cache/       those caches, one per command, written by the first run of each
 *   dist/cli/snapshot-worker-thread.js   the exports' worker thread (ESM), found beside cli.cjs
 *   dist/cli/import-worker.js            the imports' worker thread (ESM)
 *   dist/cli/build-stamp.json  when the build started and which of our sources went into it:
 *                              bin/aime.cjs compares their mtimes to tell a stale build in a
 *                              dev checkout (and then runs the sources through tsx)
 *
 * The build is written beside dist/cli and swapped in with renames, so an `aime` started
 * during a rebuild never sees half a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBuildIsFresh, STAMP_FILE } from '../bin/build-stamp.cjs';
import { nodeBundleOptions } from './esbuild-node.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = path.join(ROOT, 'dist', 'cli');
// package.json's engines: the CLI and `aime serve` run on Node 20.19+.
const CLI_TARGET = 'node20.19';

/** Builds the CLI into `outDir` (default dist/cli). Returns the stamp it wrote. */
export async function buildCli(outDir = CLI_DIR) {
  // Imported here, not at the top: without devDependencies (npm install --omit=dev) there is
  // no esbuild, and `prepare` must then leave the install alone (bin/aime.cjs says what to do).
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const scratch = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  const cli = await build(
    nodeBundleOptions({
      entryPoints: { cli: path.join(ROOT, 'electron', 'cli.ts') },
      outdir: scratch,
      outExtension: { '.js': '.cjs' },
      target: CLI_TARGET,
      format: 'cjs',
      metafile: true,
      // Half the bytes to read, hash and deserialize with the code cache at every command's
      // start: 4–5 ms less for `aime --version`, `status` and `serve` (issue 14). Stack traces
      // in aime.log then name minified functions; dist/cli/cli.cjs.map maps them back.
      minify: true,
    }),
  );
  const workers = await build(
    nodeBundleOptions({
      entryPoints: {
        // Started from beside the code that starts them (new URL('./….js', import.meta.url)).
        'snapshot-worker-thread': path.join(ROOT, 'electron', 'core', 'tasks', 'snapshot-worker-thread.ts'),
        'import-worker': path.join(ROOT, 'electron', 'core', 'collection', 'import-worker.ts'),
      },
      outdir: scratch,
      target: CLI_TARGET,
      metafile: true,
    }),
  );
  const inputs = Object.keys({ ...cli.metafile.inputs, ...workers.metafile.inputs })
    .filter((file) => !file.split(/[\\/]/).includes('node_modules'))
    .map((file) => path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/'))
    .sort();
  const stamp = { built_at_ms: startedAt, inputs };
  fs.writeFileSync(path.join(scratch, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
  const old = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(scratch, outDir);
  fs.rmSync(old, { recursive: true, force: true });
  return stamp;
}

/** Whether the checkout's dist/cli is up to date (the test setup rebuilds it when not). */
export function cliIsBuilt() {
  return cliBuildIsFresh(pathToFileURL(`${ROOT}${path.sep}`));
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const started = Date.now();
  try {
    const stamp = await buildCli();
    console.log(`built dist/cli from ${stamp.inputs.length} sources in ${Date.now() - started} ms`);
  } catch (error) {
    const missingEsbuild = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes("'esbuild'");
    if (missingEsbuild && process.argv.includes('--if-possible')) {
      console.warn('build: esbuild is not installed (no devDependencies): `aime` will run from the sources through tsx');
    } else {
      console.error(`build: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    }
  }
}
