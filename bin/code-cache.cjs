// Loads the CLI's CommonJS bundle (dist/cli/cli.cjs) with V8's code cache: the compiled code of
// the previous run of the same command is reused instead of parsing and compiling the bundle
// again. Node 22 offers this for every module (module.enableCompileCache); Node 20, which runs
// the CLI and `aime serve`, offers it only to scripts compiled through node:vm, hence a CommonJS
// bundle. It takes a third off `aime status` and a tenth off `aime serve` (issue 14).
//
// The caches live in dist/cli/code-cache/, which a rebuild replaces whole (V8 itself only checks
// the source's length, its own version and flags). A cache V8 rejects (another Node, other
// flags) is written again; a folder that cannot be written (a read-only install) just means
// no cache. Kept to node: built-ins, like everything bin/aime.cjs runs before a command.
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Runs the CommonJS file `file` with the code cache `cacheFile`; returns its exports, whether
 * the cache was used, and `save()`, which writes the cache when it was not (call it once the
 * work is done, so that the functions that ran are in it, compiled).
 * @param {string} file
 * @param {string} cacheFile
 */
function requireWithCodeCache(file, cacheFile) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's own function wrapper: the bundle sees require, module, __filename as usual.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, {
    filename: file,
    cachedData,
    // The bundle has no import() of its own; should one appear, it loads as in any module.
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cached,
    save() {
      if (cached) return;
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const part = `${cacheFile}.${process.pid}.part`;
        fs.writeFileSync(part, script.createCachedData());
        fs.renameSync(part, cacheFile); // whole or not at all, for a run starting meanwhile
      } catch {
        // Not writable (an install owned by another user): the next run compiles, as this one did.
      }
    },
  };
}

module.exports = { requireWithCodeCache };
