#!/usr/bin/env node
/**
 * Builds what Electron runs, into dist/:
 *   dist/main/main.js          the main process (ESM; our code, the core and its libraries bundled;
 *                              only `electron` and `better-sqlite3` stay external)
 *   dist/main/snapshot-worker-thread.js   the exports' worker thread, which main.js starts from
 *                              beside itself (electron/core/tasks/snapshot-worker.ts)
 *   dist/preload/preload.cjs   the preload (one CommonJS file, as a sandboxed preload must be)
 *   dist/native/better_sqlite3.node   with --native: better-sqlite3 compiled for Electron's ABI
 *
 * Why a separate native file: `npm test`, the CLI and `aime serve` run in Node and need the
 * Node build of better-sqlite3 that `npm install` put in node_modules; Electron needs a build
 * for its own ABI. Rebuilding node_modules in place (electron-builder's default, or
 * `electron-rebuild` in postinstall) would break one or the other, and a postinstall step
 * would make `npm install` fail where Electron cannot be downloaded. So --native copies the
 * better-sqlite3 sources to a scratch folder, compiles them there for the installed Electron
 * with @electron/rebuild, and keeps only the .node file; main passes its path to
 * better-sqlite3 (`nativeBinding`). It is redone only when Electron or better-sqlite3 change.
 *
 *   node scripts/build-electron.mjs            bundle main + preload
 *   node scripts/build-electron.mjs --native   also build dist/native (network: Electron headers)
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from './esbuild-node.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const require = createRequire(import.meta.url);

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

const electronVersion = version('electron');
// Electron 45 embeds Node 22.
const NODE_TARGET = 'node22';

/** Bundles main and preload into `outDir` (default dist/); the Electron smoke tests build into a temp folder. */
export async function bundle(outDir = DIST) {
  await build(
    nodeBundleOptions({
      entryPoints: {
        main: path.join(ROOT, 'electron', 'main', 'main.ts'),
        'snapshot-worker-thread': path.join(ROOT, 'electron', 'core', 'tasks', 'snapshot-worker-thread.ts'),
      },
      outdir: path.join(outDir, 'main'),
      target: NODE_TARGET,
      external: ['electron'],
    }),
  );
  await build({
    entryPoints: [path.join(ROOT, 'electron', 'preload', 'preload.ts')],
    outfile: path.join(outDir, 'preload', 'preload.cjs'),
    bundle: true,
    // A sandboxed preload has a browser-like environment with a small `require` (electron only).
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    sourcemap: 'inline',
    external: ['electron'],
    logLevel: 'warning',
  });
  console.log(
    `built ${path.relative(ROOT, outDir) || '.'}/main/main.js, …/main/snapshot-worker-thread.js and …/preload/preload.cjs (Electron ${electronVersion})`,
  );
}

async function nativeSqlite() {
  const outDir = path.join(DIST, 'native');
  const target = path.join(outDir, 'better_sqlite3.node');
  const stampFile = path.join(outDir, 'stamp.json');
  const stamp = {
    electron: electronVersion,
    betterSqlite3: version('better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
  if (fs.existsSync(target) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === JSON.stringify(stamp)) {
    console.log(`dist/native/better_sqlite3.node is up to date (${JSON.stringify(stamp)})`);
    return;
  }
  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch {
    throw new Error('@electron/rebuild is missing (it comes with electron-builder): run `npm install`.');
  }
  const scratch = path.join(ROOT, 'node_modules', '.cache', 'aime-electron-native');
  fs.rmSync(scratch, { recursive: true, force: true });
  const modules = path.join(scratch, 'node_modules');
  // The sources only: the Node build in node_modules/better-sqlite3/build stays untouched.
  fs.cpSync(path.join(ROOT, 'node_modules', 'better-sqlite3'), path.join(modules, 'better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.split(path.sep).includes('build'),
  });
  for (const dep of ['bindings', 'file-uri-to-path']) {
    const from = path.dirname(require.resolve(`${dep}/package.json`, { paths: [path.join(ROOT, 'node_modules', 'better-sqlite3')] }));
    fs.cpSync(from, path.join(modules, dep), { recursive: true });
  }
  fs.writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'aime-electron-native', private: true, dependencies: { 'better-sqlite3': stamp.betterSqlite3 } }),
  );
  console.log(`building better-sqlite3 ${stamp.betterSqlite3} for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
  try {
    await rebuild({ buildPath: scratch, electronVersion, arch: process.arch, onlyModules: ['better-sqlite3'], force: true });
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new Error(
      `could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : error}\n` +
        'This step downloads Electron headers (or a prebuilt binary) and may compile C++: it needs the network ' +
        'and a C/C++ toolchain (Xcode CLT, Visual Studio Build Tools, or build-essential + python3).',
    );
  }
  const built = path.join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) throw new Error(`the rebuild finished but ${built} is missing`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, target);
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log('built dist/native/better_sqlite3.node');
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    await bundle();
    if (process.argv.includes('--native')) await nativeSqlite();
  } catch (error) {
    console.error(`build-electron: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
