/**
 * The output folder's one owner. The folder in use is this process's `--output` override when
 * there is one (not saved), else the settings' `output_dir`. Setting a new folder validates it,
 * creates it, saves it and drops the override; a run ensures it again (it may have been removed
 * since). Every door gets the same checks and the same messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import { msg, type MessageRef } from '../../../shared/messages/index.js';
import type { SettingsStore } from '../settings/store.js';

export interface OutputFolder {
  /** The folder in use. */
  current(): string;
  /** True while this process's `--output` override is in force. */
  overridden(): boolean;
  /** Validates and creates `raw` (absolute), saves it as output_dir and drops any override; returns it. */
  set(raw: string): string;
  /** Creates the folder in use when missing; throws naming it when it cannot be used. */
  ensure(): string;
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why `dir` cannot hold exports (exact, and for people), or null. Looks only: creates nothing. */
function problemWith(dir: string): { message: string; text: MessageRef } | null {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    // Missing: fine, it is created when used (as long as its parents allow it, see ensure).
    return null;
  }
  if (!stat.isDirectory()) return { message: `the output folder "${dir}" is a file, not a folder`, text: msg('error.not_a_folder', { path: dir }) };
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    return { message: `the output folder "${dir}" is read-only: ${reason(error)}`, text: msg('error.output_read_only', { path: dir }) };
  }
  return null;
}

/** Creates `dir` when missing and checks it can be written; throws an invalid_input AimeError naming it. */
export function ensureOutputFolder(dir: string): string {
  const absolute = path.resolve(dir);
  const before = problemWith(absolute);
  if (before) throw new AimeError('invalid_input', before.message, undefined, before.text);
  try {
    fs.mkdirSync(absolute, { recursive: true });
  } catch (error) {
    throw new AimeError(
      'invalid_input',
      `cannot create the output folder "${absolute}": ${reason(error)}`,
      undefined,
      msg('error.output_not_created', { path: absolute }),
    );
  }
  const after = problemWith(absolute);
  if (after) throw new AimeError('invalid_input', after.message, undefined, after.text);
  return absolute;
}

/** The async form the task executor awaits before each run. */
export async function ensureOutputDir(dir: string): Promise<void> {
  ensureOutputFolder(dir);
}

export function createOutputFolder(options: {
  settings: Pick<SettingsStore, 'get' | 'update'>;
  /** `--output` for this process, relative to the working folder; checked now (a file is refused). */
  override?: string;
}): OutputFolder {
  let override = options.override === undefined ? undefined : path.resolve(options.override);
  if (override !== undefined) {
    const problem = problemWith(override);
    if (problem) throw new AimeError('invalid_input', `--output: ${problem.message}`, undefined, problem.text);
  }
  const current = () => override ?? options.settings.get().output_dir;
  return {
    current,
    overridden: () => override !== undefined,
    set(raw) {
      if (!path.isAbsolute(raw)) {
        throw new AimeError(
          'invalid_input',
          `output_dir must be an absolute folder path (got ${JSON.stringify(raw)})`,
          undefined,
          msg('error.output_not_absolute', { path: raw }),
        );
      }
      const dir = ensureOutputFolder(raw);
      // Dropped before the change is saved, so the config-changed event shows the new folder.
      override = undefined;
      options.settings.update((draft) => void (draft.output_dir = dir));
      return dir;
    },
    ensure: () => ensureOutputFolder(current()),
  };
}
