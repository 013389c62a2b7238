/** Small checks of the command line's words, shared by the command modules. */
import { AimeError } from '../../shared/contract.js';

export function requireArg(value: string | undefined, what: string, command: string): string {
  if (!value) throw new AimeError('invalid_input', `missing ${what} (see aime ${command} --help)`);
  return value;
}
