/**
 * The one esbuild setup for code that runs in Node: the `aime` CLI (dist/cli/, built by
 * scripts/build.mjs in `npm install`'s prepare step), Electron's main process (dist/main/,
 * scripts/build-electron.mjs) and the benches' bundles. All bundle our TypeScript and its
 * pure-JS libraries and leave native better-sqlite3 (and electron) to node_modules.
 */

/** Bundled CommonJS libraries call require() and read __dirname: give them both in ESM. */
export const ESM_REQUIRE_BANNER = [
  "import { createRequire as __aimeCreateRequire } from 'node:module';",
  "import { fileURLToPath as __aimeFileURLToPath } from 'node:url';",
  "import { dirname as __aimeDirname } from 'node:path';",
  'const require = __aimeCreateRequire(import.meta.url);',
  'const __filename = __aimeFileURLToPath(import.meta.url);',
  'const __dirname = __aimeDirname(__filename);',
].join('\n');

/**
 * A CommonJS bundle of our ESM sources has no import.meta: its one use, import.meta.url (to
 * find files beside the code: the worker modules, package.json), becomes the bundle's URL.
 */
export const CJS_IMPORT_META_BANNER = "const __aimeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/**
 * esbuild options for a Node bundle, ESM unless `format: 'cjs'` (the CLI: a CommonJS bundle can
 * be compiled with V8's code cache on Node 20, see bin/code-cache.cjs). `target` is the oldest
 * Node it must run on.
 * @param {{ entryPoints: string[] | Record<string, string>, target: string, external?: string[], format?: 'esm' | 'cjs' } & Record<string, unknown>} options
 */
export function nodeBundleOptions({ entryPoints, target, external = [], format = 'esm', ...rest }) {
  return {
    entryPoints,
    bundle: true,
    platform: 'node',
    format,
    target,
    sourcemap: true,
    external: ['better-sqlite3', ...external],
    ...(format === 'cjs'
      ? {
          banner: { js: CJS_IMPORT_META_BANNER },
          define: { 'import.meta.url': '__aimeImportMetaUrl' },
          // Every import() becomes a require(), external ones too (a library's
          // `import('node:string_decoder')`): a real import() inside the vm-compiled bundle goes
          // through vm.USE_MAIN_CONTEXT_DEFAULT_LOADER, and Node 20 prints an ExperimentalWarning
          // for it on the person's terminal.
          supported: { 'dynamic-import': false },
        }
      : { banner: { js: ESM_REQUIRE_BANNER } }),
    logLevel: 'warning',
    ...rest,
  };
}
