#!/usr/bin/env node
// The `aime` command. It runs the build in dist/cli/ (esbuild, made by `npm install`'s
// prepare script), so no TypeScript is compiled at run time. In a dev checkout where a
// source is newer than the build, it runs the sources through tsx instead, so an edit is
// never silently ignored; `npm run build` makes it fast again. Kept tiny: everything here
// runs before every command, `aime --version` included.
import fs from 'node:fs';
import module from 'node:module';
import { cliBuildIsFresh } from './build-stamp.mjs';

// Node 22.1+ keeps V8's compiled code between runs (a no-op on Node 20).
module.enableCompileCache?.();

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli/cli.js', root);

async function loadMain() {
  if (cliBuildIsFresh(root)) return import(built.href);
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    if (fs.existsSync(built)) return import(built.href); // no tsx (a production install): the build is all there is
    process.stderr.write('aime: the command is not built and tsx is missing: run `npm install` (or `npm run build`)\n');
    process.exit(1);
  }
  register();
  return import(new URL('electron/cli.ts', root).href);
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
