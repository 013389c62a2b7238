/** `aime config get` / `aime config set <key> <value>`. */
import { AimeError } from '../../shared/errors.js';
import { requireArg } from './args.js';
import { setConfigValue } from './config-set.js';
import type { CommandContext } from './context.js';

export async function execute({ args, io, api }: CommandContext): Promise<number> {
  const sub = requireArg(args[0], 'config get | config set <key> <value>', 'config');
  if (sub === 'get') {
    io.out(JSON.stringify(await (await api()).getConfig(), null, 2));
    return 0;
  }
  if (sub === 'set') {
    const key = requireArg(args[1], 'config key', 'config');
    const value = requireArg(args[2], `value for ${key}`, 'config');
    await setConfigValue(await api(), key, value);
    io.out(`${key} = ${key.endsWith('api_key') ? '(set)' : value}`);
    return 0;
  }
  throw new AimeError('invalid_input', `unknown config command ${JSON.stringify(sub)}: use get or set`);
}
