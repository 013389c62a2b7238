/**
 * The `aime` command: serve | run | import | config | status | history | source | sync | euria. This file only
 * parses the command line and dispatches; each command lives in electron/cli/<name>.ts and is
 * imported when it runs, so `--help`, `--version` and a typo load nothing but the argument
 * parser (no engine, no zod). Each command builds one core on the data folder and calls the
 * same AimeApi methods as the window and the REST API.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMANDS, GLOBAL_OPTIONS, OPTIONS, findCommand, type CommandSpec } from './cli/commands.js';
import type { CommandContext } from './cli/context.js';
import { paint } from './cli/colour.js';
import { EXIT, UsageError, describeFailure } from './cli/exit-codes.js';
import { commandHelp, globalHelp } from './cli/help.js';
import { defaultIo, type CliIo } from './cli/io.js';
import { packageVersion } from './cli/package-root.js';
import { nearest } from './cli/suggest.js';
import type { Core } from './core/app.js';
import { defaultDataDir } from './core/settings/paths.js';

export type { CliIo } from './cli/io.js';

/** Refuses options that exist but that this command does not take (parseArgs knows all of them). */
function checkOptions(spec: CommandSpec, values: Record<string, unknown>): void {
  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...spec.options]);
  const extra = Object.keys(values).filter((name) => values[name] !== undefined && !allowed.has(name));
  if (extra.length > 0) throw new UsageError(`aime ${spec.name} does not take --${extra[0]} (see aime ${spec.name} --help)`);
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let core: Promise<Core> | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...args] = positionals;
    if (values.version) {
      io.out(packageVersion());
      return EXIT.ok;
    }
    if (!command || command === 'help') {
      const spec = command === 'help' && args[0] ? findCommand(args[0]) : undefined;
      io.out(spec ? commandHelp(spec, io.env) : globalHelp(io.env));
      return command || values.help ? EXIT.ok : EXIT.badInput;
    }
    const spec = findCommand(command);
    if (!spec) {
      const names = COMMANDS.map((c) => c.name);
      const guess = nearest(command, names);
      throw new UsageError(`unknown command ${JSON.stringify(command)}${guess ? `; did you mean "${guess}"?` : ''} (commands: ${names.join(', ')})`);
    }
    if (values.help) {
      io.out(commandHelp(spec, io.env));
      return EXIT.ok;
    }
    checkOptions(spec, values);
    const dataDir = path.resolve(values.data ?? io.env.AIME_DATA_DIR ?? defaultDataDir(io.env));
    const openCore: CommandContext['openCore'] = (options = {}) =>
      (core ??= import('./cli/open-core.js')
        .then(({ openCore: open }) =>
          open({ dataDir, outputDir: values.output, env: io.env, echoLog: options.echoLog ?? false, extra: io.coreOptions }),
        )
        .then(async (opened) => {
          // A recovered settings file or a missing collection is said on stderr; serve's echoed log says it there.
          // In English with the exact problem; in the locale's language otherwise (loaded only then).
          const warnings = options.echoLog ? [] : opened.warnings();
          if (warnings.length > 0) {
            const [{ cliLocale, say }, { msg }] = await Promise.all([import('./cli/say.js'), import('../shared/messages/index.js')]);
            const locale = cliLocale(io.env);
            for (const { line, text } of warnings) io.err(`aime: ${say(msg('outcome.warning', { warning: locale === 'en' ? line : text }), locale)}`);
          }
          return opened;
        }));
    const module = await spec.load();
    return await module.execute({
      args,
      values,
      io,
      dataDir,
      json: values.json ?? false,
      openCore,
      api: async () => {
        // A running app or `aime serve` holds this data folder and serves its API: work through it.
        const host = (await import('./cli/remote.js')).connectToHost(dataDir);
        if (!host) return (await openCore()).api;
        if (values.output) io.err(`note: --output is ignored: the running AIME (pid ${host.pid}) writes to its own output folder`);
        return host.api;
      },
    });
  } catch (error) {
    const failure = await describeFailure(error);
    io.err(`${paint(io).red('aime:')} ${failure.message}`);
    return failure.exit;
  } finally {
    if (core) await (await core.catch(() => undefined))?.close();
  }
}
