/**
 * The table of `aime` commands: names, help texts, their own options, and how to load each one.
 * It imports nothing heavy, so `aime --help` and `aime <cmd> --help` never load the engine;
 * a command's module (and with it the core, SQLite, zod…) is imported only when it runs.
 */
import { TASK_IDS } from '../../shared/tasks.js';
import { CONFIG_KEYS } from './config-keys.js';
import type { CommandModule } from './context.js';

/**
 * shared/api.ts's IMPORT_FORMATS, spelled out because that module loads zod, which help must
 * not (a test checks that both lists agree).
 */
export const IMPORT_FORMAT_NAMES = ['aime-db', 'discogs-csv', 'json'] as const;

export interface CommandSpec {
  name: string;
  /** One line in `aime --help`. */
  summary: string;
  usage: string[];
  /** More lines for `aime <name> --help`. */
  details?: string[];
  examples: string[];
  /** Options this command takes beyond the global ones (names of OPTIONS). */
  options: readonly OptionName[];
  load(): Promise<CommandModule>;
}

/** Every option, for node:util parseArgs. Globals: data, json, help, output. */
export const OPTIONS = {
  data: { type: 'string' },
  output: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  port: { type: 'string' },
  format: { type: 'string' },
  demo: { type: 'boolean' },
  open: { type: 'boolean' },
  limit: { type: 'string' },
  token: { type: 'string' },
} as const;
export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: readonly OptionName[] = ['data', 'output', 'json', 'help'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'serve',
    summary: 'run the scheduler and the API on 127.0.0.1',
    usage: ['aime serve [--port 8000] [--output DIR] [--demo] [--open]'],
    details: [
      'Runs until Ctrl-C. --port 0 picks a free port; --demo loads the demo collection first.',
      'Prints the settings page’s one-time link (it makes that browser the owner); --open opens it where there is a display.',
    ],
    examples: ['aime serve', 'aime serve --port 8080 --output ~/Exports'],
    options: ['port', 'demo', 'open'],
    load: () => import('./serve.js'),
  },
  {
    name: 'run',
    summary: 'run a task now; prints the written file last',
    usage: ['aime run <task> [--output DIR] [--json]'],
    details: [`tasks: ${TASK_IDS.join(', ')}`, 'Exit code 1 when the run fails, 3 when the task is already running.'],
    examples: ['aime run export_collection_json', 'aime run generate_haiku_scheduled --json'],
    options: [],
    load: () => import('./run.js'),
  },
  {
    name: 'import',
    summary: 'import a collection (all or nothing)',
    usage: [`aime import <file> [--format ${IMPORT_FORMAT_NAMES.join('|')}]`, 'aime import --demo'],
    details: ['The format is guessed from the file when --format is not given.'],
    examples: ['aime import ~/Downloads/collection.csv', 'aime import musique.db', 'aime import --demo'],
    options: ['format', 'demo'],
    load: () => import('./import.js'),
  },
  {
    name: 'config',
    summary: 'print or change the settings',
    usage: ['aime config get [KEY] [--json]', 'aime config set <KEY> <value>', 'aime config set euria.api_key -'],
    details: [`keys: ${CONFIG_KEYS.join(', ')}`, `tasks: ${TASK_IDS.join(', ')}`],
    examples: [
      'aime config get',
      'aime config get tasks.generate_haiku_scheduled.time',
      'aime config set max_files_per_type 10',
      'aime config set tasks.generate_haiku_scheduled.time 07:15',
      'aime config set euria.api_key -   (reads the key from stdin, or a hidden prompt on a terminal)',
    ],
    options: [],
    load: () => import('./config.js'),
  },
  {
    name: 'status',
    summary: 'the scheduler, the tasks, next and last runs',
    usage: ['aime status [--json]'],
    details: ['Says whether a scheduler runs on this data folder, and where: the desktop app or aime serve (with its port).'],
    examples: ['aime status', 'aime status --json | jq .tasks'],
    options: [],
    load: () => import('./status.js'),
  },
  {
    name: 'history',
    summary: 'the latest runs, newest first',
    usage: ['aime history [--limit 20] [--json]'],
    details: ['Every run is listed: scheduled, manual, tray, API, CLI and catch-up.'],
    examples: ['aime history', 'aime history --limit 5 --json | jq ".[0].file"'],
    options: ['limit'],
    load: () => import('./history.js'),
  },
  {
    name: 'source',
    summary: 'link, list or unlink the sources a sync re-reads',
    usage: [
      'aime source add <file | discogs:USERNAME> [--token TOKEN | --token -] [--format FORMAT]',
      'aime source list [--json]',
      'aime source remove <id>',
    ],
    details: [
      'A linked source (a Discogs account, an AIME musique.db, a Discogs CSV, a JSON export) is re-read by each sync.',
      '--token - reads the Discogs token from standard input (kept out of the shell history and the process list).',
      'An account already linked, given --token, keeps its albums and takes the new token (e.g. after AIME_DISCOGS_API_URL changed).',
      'remove also removes the albums that came from that source; other albums are untouched.',
    ],
    examples: [
      'printf %s "$DISCOGS_TOKEN" | aime source add discogs:collector --token -',
      'aime source add ~/musique.db',
      'aime source list --json',
      'aime source remove 2',
    ],
    options: ['token', 'format'],
    load: () => import('./source.js'),
  },
  {
    name: 'sync',
    summary: 'sync every linked source now (the sync_collection task)',
    usage: ['aime sync [--json]'],
    details: ['Prints +added ~updated −removed per source. Exit code 0 only when every source synced, 1 otherwise.'],
    examples: ['aime sync'],
    options: [],
    load: () => import('./sync.js'),
  },
  {
    name: 'euria',
    summary: 'send one tiny request to EurIA',
    usage: ['aime euria test'],
    examples: ['aime euria test'],
    options: [],
    load: () => import('./euria.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
