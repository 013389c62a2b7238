/**
 * What a run says to people, in the window's language: its codes plus parameters when it has
 * them, else (a run recorded before they existed) the plain English the engine stored.
 */
import type { RunRecord, RunResult } from '../../../shared/api.js';
import type { Say } from '../i18n/messages.js';

type Said = Pick<RunRecord, 'warnings'> & { error?: string | null; text?: RunRecord['text'] | undefined; warning_texts: RunResult['warning_texts'] };

/** Why it failed or was skipped; null when it did neither. */
export function runReason(run: Said, say: Say): string | null {
  if (run.text) return say(run.text);
  return run.error ?? null;
}

export function runWarnings(run: Said, say: Say): string[] {
  return run.warning_texts.length === run.warnings.length ? run.warning_texts.map(say) : run.warnings;
}
