/** `aime euria test`: one tiny request to the configured LLM. */
import { AimeError } from '../../shared/contract.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';

export async function execute({ args, io, api, json }: CommandContext): Promise<number> {
  if (args[0] !== 'test') throw new AimeError('invalid_input', 'usage: aime euria test');
  const result = await (await api()).testEuria();
  if (json) printJson(io, result);
  else {
    (result.ok ? io.out : io.err)(`${result.ok ? 'ok' : 'failed'}: ${result.message} (model ${result.model || '—'}, ${result.latency_ms} ms)`);
  }
  return result.ok ? 0 : 1;
}
