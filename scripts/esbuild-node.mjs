/**
 * The one esbuild setup for code that runs in Node: the `aime` CLI (dist/cli/, built by
 * scripts/build.mjs in `npm install`'s prepare step) and Electron's main process
 * (dist/main/, scripts/build-electron.mjs). Both bundle our TypeScript and its pure-JS
 * libraries into ESM and leave native better-sqlite3 (and electron) to node_modules.
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
 * esbuild options for a Node ESM bundle. `target` is the oldest Node it must run on.
 * @param {{ entryPoints: string[] | Record<string, string>, target: string, external?: string[] } & Record<string, unknown>} options
 */
export function nodeBundleOptions({ entryPoints, target, external = [], ...rest }) {
  return {
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target,
    sourcemap: true,
    external: ['better-sqlite3', ...external],
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'warning',
    ...rest,
  };
}
