// Runs the built CLI as bin/aime.cjs does, but with the code cache at a path of the test's own
// (argv[2]), and says on its last stderr line whether the cache was used: `cached=true|false`.
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from '../../bin/code-cache.cjs';

const [cacheFile, ...argv] = process.argv.slice(2);
const loaded = requireWithCodeCache(fileURLToPath(new URL('../../dist/cli/cli.cjs', import.meta.url)), cacheFile);
process.exitCode = await loaded.exports.main(argv);
loaded.save();
process.stderr.write(`\ncached=${loaded.cached}\n`);
