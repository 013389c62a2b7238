/** The help texts: `aime --help` (every command) and `aime <command> --help` (one, with examples). */
import { defaultDataDir } from '../core/settings/paths.js';
import { TASK_IDS } from '../../shared/tasks.js';
import { COMMANDS, type CommandSpec } from './commands.js';

const EXIT_CODES = 'exit codes: 0 ok, 1 run failed, 2 bad input, 3 busy or locked, 130 cancelled (Ctrl-C)';

function globals(env: Record<string, string | undefined>): string {
  return [
    'options for every command:',
    `  --data DIR      the data folder (or AIME_DATA_DIR); default: ${defaultDataDir(env)}`,
    '  --output DIR    the output folder for this command only',
    '  --json          print one JSON document (status, config get, history, run, import)',
    '  -h, --help      this help; aime <command> --help for one command',
  ].join('\n');
}

export function globalHelp(env: Record<string, string | undefined>): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'usage: aime <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `tasks: ${TASK_IDS.join(', ')}`,
    '',
    globals(env),
    '  -v, --version   the version',
    '',
    EXIT_CODES,
  ].join('\n');
}

export function commandHelp(spec: CommandSpec, env: Record<string, string | undefined>): string {
  return [
    ...spec.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}${u}`),
    '',
    spec.summary,
    ...(spec.details ?? []),
    '',
    'examples:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    globals(env),
    '',
    EXIT_CODES,
  ].join('\n');
}
