/**
 * Starts a worker thread from a module file, from the sources as from the Electron bundle.
 * In the bundle the worker is a .js file beside main.js (scripts/build-electron.mjs emits it).
 * From the sources (the CLI, `aime serve`, tests and benches run TypeScript through tsx) it is
 * a .ts file, which Node 20 cannot load and tsx's hooks do not reach in a worker thread.
 * Registering tsx in the thread would cost most of a second at every start; instead the
 * module is compiled to CommonJS by esbuild (what tsx runs on) into a cache named by its
 * content, as tsx caches its own output: only the first start after a change pays for it.
 * Such a module must not use import.meta, which CommonJS lacks.
 *
 * A worker that imports the app's other modules (the import worker: the whole collection
 * package) is bundled instead, into node_modules/.cache so that the packages left out of the
 * bundle (better-sqlite3, native) are found from there. Bundling takes a few hundred ms, at
 * each start: acceptable for an import, which runs for seconds.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

type Esbuild = typeof import('esbuild');

export function startModuleWorker(file: URL, options: WorkerOptions, how: { bundle?: boolean } = {}): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  const source = fileURLToPath(file);
  // The compiled file is plain JavaScript: the parent's flags (tsx's `--import`) would only
  // load tsx again in the thread, which is what this compiling avoids.
  return new Worker(how.bundle ? bundled(source) : compiled(source), { ...options, execArgv: [] });
}

/** tsx's own esbuild (a dependency of the app, where esbuild is only a devDependency). */
function tsxEsbuild(): { esbuild: Esbuild; nodeModules: string } {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
  return { esbuild: createRequire(tsx)('esbuild') as Esbuild, nodeModules: path.dirname(path.dirname(tsx)) };
}

/** `source` and the app's modules it imports as one CommonJS file, named by its content. */
function bundled(source: string): string {
  const { esbuild, nodeModules } = tsxEsbuild();
  const result = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    write: false,
    // import.meta is empty in CommonJS: the modules that read it never do so in a worker.
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(nodeModules, '.cache', 'aime-workers', `${path.basename(source, '.ts')}-${hash}.cjs`);
  if (!fs.existsSync(file)) writeWhole(file, code);
  return file;
}

function writeWhole(file: string, code: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under another name, then renamed: a process starting the same worker
  // meanwhile never loads half a file.
  const part = `${file}.${process.pid}.part`;
  fs.writeFileSync(part, code);
  fs.renameSync(part, file);
}

/** The CommonJS file compiled from `source` (a .ts file), made if missing. */
function compiled(source: string): string {
  const text = fs.readFileSync(source, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `aime-workers-${os.userInfo().uid}`);
  const file = path.join(dir, `${path.basename(source, '.ts')}-${hash}.cjs`);
  if (!fs.existsSync(file)) {
    // tsx's own esbuild (a dependency of the app, where esbuild is only a devDependency),
    // loaded only here: the bundle never runs this branch and must not carry it.
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
    const esbuild = createRequire(tsx)('esbuild') as Esbuild;
    const { code } = esbuild.transformSync(text, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: source });
    fs.mkdirSync(dir, { recursive: true });
    // Written whole under another name, then renamed: a process starting the same worker
    // meanwhile never loads half a file.
    const part = `${file}.${process.pid}.part`;
    fs.writeFileSync(part, code);
    fs.renameSync(part, file);
  }
  return file;
}
