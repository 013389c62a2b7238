/** `aime config get [KEY]` / `aime config set <KEY> <value>`. */
import { AimeError } from '../../shared/contract.js';
import { requireArg } from './args.js';
import { formatValue, getConfigValue } from './config-get.js';
import { setConfigValue } from './config-set.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';

export async function execute({ args, io, api, json }: CommandContext): Promise<number> {
  const sub = requireArg(args[0], 'config get [KEY] | config set <KEY> <value>', 'config');
  if (sub === 'get') {
    if (args.length > 2) throw new AimeError('invalid_input', 'config get takes at most one key (see aime config --help)');
    // Without a key: the seed's configuration JSON, as GET …/scheduler/config returns it.
    const value = args[1] === undefined ? await (await api()).getConfig() : await getConfigValue(await api(), args[1]);
    if (json || args[1] === undefined) printJson(io, value);
    else io.out(formatValue(value));
    return 0;
  }
  if (sub === 'set') {
    const key = requireArg(args[1], 'config key', 'config');
    const value = requireArg(args[2], `value for ${key}`, 'config');
    if (args.length > 3) throw new AimeError('invalid_input', `config set takes one value (quote it if it has spaces: aime config set ${key} "…")`);
    const stored = await setConfigValue(await api(), key, value);
    io.out(`${key} = ${key.endsWith('api_key') ? '(set)' : stored}`);
    return 0;
  }
  throw new AimeError('invalid_input', `unknown config command ${JSON.stringify(sub)}: use get or set`);
}
