/**
 * The `aime` command's exit codes, documented in `aime --help` and the README:
 * 0 ok, 1 the run failed (or an unexpected error), 2 bad input, 3 busy or locked,
 * 130 cancelled (Ctrl-C: the shell's 128 + SIGINT).
 */
import type { AimeErrorCode } from '../../shared/errors.js';

export const EXIT = { ok: 0, failed: 1, badInput: 2, busy: 3, cancelled: 130 } as const;

const BY_ERROR_CODE: Record<AimeErrorCode, number> = {
  invalid_input: EXIT.badInput,
  not_found: EXIT.badInput,
  already_running: EXIT.busy,
  locked: EXIT.busy,
  run_failed: EXIT.failed,
  internal: EXIT.failed,
};

export function exitCodeFor(code: string): number {
  return BY_ERROR_CODE[code as AimeErrorCode] ?? EXIT.failed;
}
