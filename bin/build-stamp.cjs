// Whether dist/cli (the esbuild output of scripts/build.mjs) is up to date with the sources.
// Shared by bin/aime.cjs, which runs it before every command (so: no imports beyond node:fs),
// and by the build script and the tests.
const fs = require('node:fs');

const STAMP_FILE = 'build-stamp.json';

/**
 * True when `<root>/dist/cli` has a stamp and none of the sources it lists changed after the
 * build started. A listed source that no longer exists does not make it stale (an install
 * without sources); deleting a module means editing the one that imported it.
 * @param {URL} root the checkout, as a file: URL ending in '/'
 */
function cliBuildIsFresh(root, dir = 'dist/cli/') {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(new URL(`${dir}${STAMP_FILE}`, root), 'utf8'));
  } catch {
    return false;
  }
  for (const file of stamp.inputs) {
    const stat = fs.statSync(new URL(file, root), { throwIfNoEntry: false });
    if (stat && stat.mtimeMs > stamp.built_at_ms) return false;
  }
  return true;
}

module.exports = { STAMP_FILE, cliBuildIsFresh };
