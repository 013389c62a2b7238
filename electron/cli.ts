/**
 * The `aime` command: serve | run | import | config | status | euria. Each command builds one
 * core on the data folder and calls the same AimeApi methods as the window and the REST API.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type RunResult, IMPORT_FORMATS, type ImportFormat } from '../shared/api.js';
import { type AimeApi, AimeError, ERROR_CODES, toAimeErrorData } from '../shared/contract.js';
import { TASK_IDS, isTaskId } from '../shared/tasks.js';
import { setConfigValue, CONFIG_KEYS } from './cli-config.js';
import { startApiServer } from './core/api/index.js';
import { createCore, type Core, type CoreOptions } from './core/app.js';
import { createFileLogger } from './core/log.js';
import { defaultDataDir } from './core/settings/paths.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  untilStopped?: () => Promise<string>;
  /** Extra core options (tests inject a clock or timers). */
  coreOptions?: Partial<CoreOptions>;
}

const USAGE = `usage: aime <command> [options]

commands:
  serve [--port 8000] [--output DIR] [--demo]   run the scheduler and the API on 127.0.0.1
  run <task> [--output DIR]                     run a task now; prints the written file last
  import <file> [--format ${IMPORT_FORMATS.join('|')}]   import a collection (all or nothing)
  import --demo                                 load the demo collection
  config get                                    print the scheduler configuration (JSON)
  config set <key> <value>                      change a setting
  status                                        tasks, next and last runs
  euria test                                    send one tiny request to EurIA

every command takes --data DIR (or AIME_DATA_DIR); default: ${defaultDataDir()}
tasks: ${TASK_IDS.join(', ')}
config keys: ${CONFIG_KEYS.join(', ')}`;

const OPTIONS = {
  data: { type: 'string' },
  output: { type: 'string' },
  port: { type: 'string' },
  format: { type: 'string' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIST = path.join(repoRoot, 'renderer', 'dist');

function defaultIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
      }),
  };
}

/** Opens a folder with the desktop's file manager (used by `serve`'s "open output folder"). */
function openWithDesktop(dir: string): Promise<boolean> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolve) => {
    const child = spawn(command, [dir], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

function requireArg(value: string | undefined, what: string): string {
  if (!value) throw new AimeError('invalid_input', `missing ${what}\n\n${USAGE}`);
  return value;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8000;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new AimeError('invalid_input', `--port must be a port number 0–65535 (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text === undefined) return undefined;
  if (!(IMPORT_FORMATS as readonly string[]).includes(text)) {
    throw new AimeError('invalid_input', `--format must be one of ${IMPORT_FORMATS.join(', ')} (got ${JSON.stringify(text)})`);
  }
  return text as ImportFormat;
}

function describeRun(result: RunResult): string[] {
  const lines = result.warnings.map((w) => `warning: ${w}`);
  if (result.status === 'failed') return [...lines, `${result.task} failed: ${result.error ?? 'unknown error'}`];
  if (result.status === 'skipped') return [...lines, `${result.task} skipped: ${result.error ?? 'nothing to do'}`];
  return [...lines, result.file ?? ''];
}

async function serve(core: Core, io: CliIo, port: number, demo: boolean): Promise<number> {
  await core.start();
  if (demo) await core.api.importCollection({ demo: true });
  const staticDir = fs.existsSync(path.join(RENDERER_DIST, 'index.html')) ? RENDERER_DIST : undefined;
  const server = await startApiServer({ api: core.api, port, staticDir, log: core.log.child('api') });
  io.out(`listening on ${server.url}`);
  if (!staticDir) io.err('note: the settings page is not built (npm run build:renderer); the API works without it');
  const signal = await (io.untilStopped ?? defaultIo().untilStopped!)();
  core.log.info(`${signal}: stopping`);
  await server.close();
  return 0;
}

async function runCommand(api: AimeApi, command: string, positionals: string[], values: Record<string, unknown>, io: CliIo): Promise<number> {
  switch (command) {
    case 'run': {
      const task = requireArg(positionals[0], 'task name');
      if (!isTaskId(task)) {
        throw new AimeError('not_found', `unknown task ${JSON.stringify(task)}; valid tasks: ${TASK_IDS.join(', ')}`);
      }
      const result = await api.runNow(task, 'cli');
      const lines = describeRun(result);
      lines.slice(0, -1).forEach(io.err);
      (result.status === 'completed' ? io.out : io.err)(lines.at(-1)!);
      return result.status === 'failed' ? 1 : 0;
    }
    case 'import': {
      const summary = values.demo
        ? await api.importCollection({ demo: true })
        : await api.importCollection({
            path: requireArg(positionals[0], 'file to import (or --demo)'),
            format: parseFormat(values.format as string | undefined),
          });
      summary.notes.forEach((note) => io.err(note));
      if (summary.more > 0) io.err(`… and ${summary.more} more`);
      io.out(
        `${summary.file}: ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped; ${summary.total_albums} albums in the collection`,
      );
      return 0;
    }
    case 'config': {
      const sub = requireArg(positionals[0], 'config get | config set <key> <value>');
      if (sub === 'get') {
        io.out(JSON.stringify(await api.getConfig(), null, 2));
        return 0;
      }
      if (sub === 'set') {
        const key = requireArg(positionals[1], 'config key');
        const value = requireArg(positionals[2], `value for ${key}`);
        await setConfigValue(api, key, value);
        io.out(`${key} = ${key.endsWith('api_key') ? '(set)' : value}`);
        return 0;
      }
      throw new AimeError('invalid_input', `unknown config command ${JSON.stringify(sub)}: use get or set`);
    }
    case 'status': {
      const status = await api.status();
      const stats = await api.collectionStats();
      io.out(`scheduler: ${status.running ? 'running' : 'paused'}`);
      io.out(`collection: ${stats.albums} albums, ${stats.artists} artists`);
      for (const task of status.tasks) {
        const last = task.last_run;
        io.out(
          `${task.name}: ${task.enabled ? 'enabled' : 'disabled'}, next ${task.next_run_at ?? '—'}, last ${
            last ? `${last.status} at ${last.started_at}${last.file ? ` → ${path.basename(last.file)}` : ''}` : 'never'
          }`,
        );
      }
      return 0;
    }
    case 'euria': {
      if (positionals[0] !== 'test') throw new AimeError('invalid_input', 'usage: aime euria test');
      const result = await api.testEuria();
      (result.ok ? io.out : io.err)(
        `${result.ok ? 'ok' : 'failed'}: ${result.message} (model ${result.model || '—'}, ${result.latency_ms} ms)`,
      );
      return result.ok ? 0 : 1;
    }
    default:
      throw new AimeError('invalid_input', `unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  }
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let core: Core | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.help || !command || command === 'help') {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    const dataDir = path.resolve(values.data ?? io.env.AIME_DATA_DIR ?? defaultDataDir(io.env));
    const port = command === 'serve' ? parsePort(values.port) : 0;
    core = await createCore({
      dataDir,
      outputDir: values.output,
      env: io.env,
      log: createFileLogger({ dir: path.join(dataDir, 'logs'), echo: command === 'serve' }),
      openPath: openWithDesktop,
      ...io.coreOptions,
    });
    if (command === 'serve') return await serve(core, io, port, values.demo ?? false);
    return await runCommand(core.api, command, rest, values, io);
  } catch (error) {
    const data = toAimeErrorData(error);
    io.err(`aime: ${data.message}`);
    // Bad command lines (node:util parseArgs codes) are the user's input, like AimeError's invalid_input.
    const badArgs = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    return badArgs ? ERROR_CODES.invalid_input.exit : ERROR_CODES[data.code].exit;
  } finally {
    await core?.close();
  }
}
