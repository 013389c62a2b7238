/**
 * The `aime` command's exit codes, documented in `aime --help` and the README:
 * 0 ok, 1 the run failed (or an unexpected error), 2 bad input, 3 busy or locked,
 * 130 cancelled (Ctrl-C: the shell's 128 + SIGINT). An AimeError's code maps to its exit
 * code through the contract's error table (shared/contract.ts, ERROR_CODES[code].exit).
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, busy: 3, cancelled: 130 } as const;

/** A mistake in the command line itself, found before any command (or the contract) loads. */
export class UsageError extends Error {}

/** The message and exit code for anything a command threw. */
export async function describeFailure(error: unknown): Promise<{ message: string; exit: number }> {
  // node:util parseArgs's own errors (unknown option, missing value) are the user's input too.
  const parseArgsError = String((error as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseArgsError) return { message: (error as Error).message, exit: EXIT.badInput };
  // Loaded only here: the contract carries zod, which --help, --version and a typo never need.
  const { ERROR_CODES, errorForPeople, toAimeErrorData } = await import('../../shared/contract.js');
  const { cliLocale } = await import('./say.js');
  const data = toAimeErrorData(error);
  return { message: errorForPeople(error, cliLocale()), exit: ERROR_CODES[data.code].exit };
}
