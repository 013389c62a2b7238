/**
 * `aime import` and `aime sync` in a terminal: a live progress line (on stderr, only when it is
 * a TTY, so pipes and logs get the summary alone) and Ctrl-C as "cancel": the import or sync
 * rolls back and the command exits with the `cancelled` code. A second Ctrl-C quits at once
 * (the transaction is then never committed, so the collection is unchanged all the same).
 */
import path from 'node:path';
import type { ImportProgressView } from '../../shared/api.js';
import type { AimeApi } from '../../shared/contract.js';
import { ERROR_CODES } from '../../shared/contract.js';

export interface ImportTerminal {
  /** Shows `line` in place of the previous one; null clears it. Absent when stderr is not a TTY. */
  status?(line: string | null): void;
  err(line: string): void;
  /** Calls `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt?(handler: () => void): () => void;
}

export function describeImportProgress(progress: ImportProgressView): string {
  const name = path.basename(progress.file);
  if (progress.cancelling) return `${name}: cancelling…`;
  const percent = progress.total ? ` ${Math.floor((100 * progress.done) / progress.total)}%` : '';
  const count = new Intl.NumberFormat('en-US');
  if (progress.phase === 'reading') {
    // A sync counts the albums read from its source (a Discogs account has no bytes to count).
    if (progress.kind === 'sync') return `${name}: reading (${count.format(progress.done)} albums)`;
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    const of = progress.total ? ` of ${mb(progress.total)}` : '';
    return `${name}: reading${percent} (${mb(progress.done)}${of} MB)`;
  }
  const of = progress.total ? ` / ${count.format(progress.total)}` : '';
  return `${name}: writing${percent} (${count.format(progress.done)}${of} albums)`;
}

/**
 * Follows the import (or sync) started next; returns the function that stops following.
 * Ctrl-C calls `cancel` (the API's cancelImport or cancelSync).
 */
export function followImport(
  api: AimeApi,
  terminal: ImportTerminal,
  job: { what: 'import' | 'sync'; cancel: () => Promise<unknown> } = { what: 'import', cancel: () => api.cancelImport() },
): () => void {
  const unsubscribe = api.subscribe((event) => {
    if (event.type === 'import-progress') terminal.status?.(event.import ? describeImportProgress(event.import) : null);
  });
  let asked = false;
  const stopInterrupts = terminal.onInterrupt?.(() => {
    if (asked) process.exit(ERROR_CODES.cancelled.exit);
    asked = true;
    terminal.status?.(null);
    terminal.err(`cancelling the ${job.what} (Ctrl-C again to quit at once)…`);
    job.cancel().catch((error: unknown) => terminal.err(`aime: cannot cancel: ${(error as Error).message}`));
  });
  return () => {
    unsubscribe();
    stopInterrupts?.();
    terminal.status?.(null);
  };
}
