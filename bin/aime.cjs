#!/usr/bin/env node
// The `aime` command. It runs the build in dist/cli/ (esbuild, made by `npm install`'s
// prepare script), so no TypeScript is compiled at run time, and its compiled code is kept
// between runs (bin/code-cache.cjs). In a dev checkout where a source is newer than the build,
// it runs the sources through tsx instead, so an edit is never silently ignored; `npm run build`
// makes it fast again. Kept tiny: everything here runs before every command, `aime --version`
// included; CommonJS, because Node starts an ES module entry 4 ms slower (its ESM loader).
const fs = require('node:fs');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { cliBuildIsFresh } = require('./build-stamp.cjs');
const { requireWithCodeCache } = require('./code-cache.cjs');

const root = new URL('../', pathToFileURL(__filename));
const built = fileURLToPath(new URL('dist/cli/cli.cjs', root));
const argv = process.argv.slice(2);
/** Bad input: no cache is kept for a mistyped command. */
const BAD_INPUT = 2;

/** One cache per command (each runs different code), per Node version and architecture. */
function cacheFile() {
  const command = /^[a-z]{2,16}$/.test(argv[0] ?? '') ? argv[0] : 'help';
  return fileURLToPath(new URL(`dist/cli/code-cache/${command}-${process.version}-${process.arch}.bin`, root));
}

async function runSources() {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    if (fs.existsSync(built)) return runBuilt(); // no tsx (a production install): the build is all there is
    process.stderr.write('aime: the command is not built and tsx is missing: run `npm install` (or `npm run build`)\n');
    process.exit(1);
  }
  register();
  const { main } = await import(new URL('electron/cli.ts', root).href);
  return main(argv);
}

async function runBuilt() {
  const loaded = requireWithCodeCache(built, cacheFile());
  const code = await loaded.exports.main(argv);
  if (code !== BAD_INPUT) loaded.save();
  return code;
}

void (cliBuildIsFresh(root) ? runBuilt() : runSources()).then((code) => (process.exitCode = code));
