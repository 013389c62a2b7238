/**
 * Child process of bundle.test.ts: maps `electron` to fake-electron.cjs for both `import`
 * (ESM loader hook) and `require` (bundled CommonJS libraries such as electron-log), loads the
 * built main bundle, runs the JSON export from the tray menu, waits for the file, then quits
 * through the app as the tray's Quit does.
 */
import fs from 'node:fs';
import Module, { createRequire, register } from 'node:module';

const fake = createRequire(import.meta.url).resolve('./fake-electron.cjs');
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(new URL('./fake-electron.cjs', import.meta.url).href)}, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : resolveFilename.call(this, request, ...rest);
};

const [main, outputDir] = process.argv.slice(2);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await import(main);
for (let i = 0; i < 200 && !globalThis.__aimeE2E; i++) await wait(25);
const hook = globalThis.__aimeE2E;
if (!hook) throw new Error('the app did not start (no __aimeE2E hook)');
await hook.api.setOutputDir(outputDir);
const runNow = hook.trayMenu().find((item) => item.id === 'run-now');
runNow.submenu.find((item) => item.id === 'run:export_collection_json').click();
// The export is written under a hidden temporary name, then renamed: wait for the real name, not
// the first file to appear (on a busy machine the temporary one is seen first).
const written = () => (fs.existsSync(outputDir) ? fs.readdirSync(outputDir).filter((name) => !name.startsWith('.')) : []);
for (let i = 0; i < 400 && written().length === 0; i++) await wait(25);
console.log(`OUTPUT ${JSON.stringify(written())}`);
createRequire(import.meta.url)('./fake-electron.cjs').app.quit();
