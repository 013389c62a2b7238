/**
 * Retention (DESIGN.md §3): after a successful run, keep the newest `keep` files of that
 * kind, ordered by the timestamp (and -N) in their names. Only exact export names are
 * candidates; everything else in the folder belongs to the user.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { msg, type MessageRef } from '../../../shared/messages/index.js';
import type { OutputKind } from '../../../shared/tasks.js';
import type { Logger } from '../types.js';
import { compareNewestFirst, parseOutputName, type ParsedOutputName } from './naming.js';
import { reason } from './output-folder.js';

export interface RetentionResult {
  deleted: string[];
  /** Files that should have gone but could not be removed (the run still succeeded). */
  warnings: MessageRef[];
}

/** `justWritten` (a name) is never deleted, even if a clock once ran ahead and left newer-looking names. */
export async function applyRetention(
  dir: string,
  kind: OutputKind,
  keep: number,
  log: Logger,
  justWritten?: string,
): Promise<RetentionResult> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`max_files_per_type must be at least 1 (got ${keep})`);
  const ours: ParsedOutputName[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const parsed = entry.isFile() ? parseOutputName(entry.name) : null;
    if (parsed?.kind === kind) ours.push(parsed);
  }
  ours.sort(compareNewestFirst);
  const kept = new Set(ours.slice(0, keep).map((file) => file.name));
  if (justWritten !== undefined && !kept.has(justWritten)) {
    const dropped = [...kept].pop();
    if (dropped !== undefined) kept.delete(dropped);
    kept.add(justWritten);
  }
  const result: RetentionResult = { deleted: [], warnings: [] };
  for (const old of ours.filter((file) => !kept.has(file.name))) {
    try {
      await fs.unlink(path.join(dir, old.name));
    } catch (error) {
      // Another process (desktop app and CLI on one folder) may have removed it first.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      const message = `could not delete old file "${path.join(dir, old.name)}": ${reason(error)}`;
      log.warn(message);
      result.warnings.push(msg('warning.not_deleted', { file: old.name }));
      continue;
    }
    result.deleted.push(old.name);
    log.info(`🗑️ Supprimé fichier ancien (${kind}): ${old.name}`);
  }
  return result;
}
