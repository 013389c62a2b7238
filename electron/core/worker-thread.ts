/**
 * Starts a worker thread from a module file, from the sources as from the Electron bundle.
 * In the bundle the worker is a .js file beside main.js (scripts/build-electron.mjs emits it).
 * From the sources (the CLI, `aime serve`, tests and benches run TypeScript through tsx) it is
 * a .ts file, which Node 20 cannot load and tsx's hooks do not reach in a worker thread.
 * Registering tsx in the thread would cost most of a second at every start; instead the
 * module is compiled to CommonJS by esbuild (what tsx runs on) into a cache named by its
 * content, as tsx caches its own output: only the first start after a change pays for it.
 * Such a module must not use import.meta, which CommonJS lacks.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

type Esbuild = typeof import('esbuild');

export function startModuleWorker(file: URL, options: WorkerOptions): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  // The compiled file is plain JavaScript: the parent's flags (tsx's `--import`) would only
  // load tsx again in the thread, which is what this compiling avoids.
  return new Worker(compiled(fileURLToPath(file)), { ...options, execArgv: [] });
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
