/**
 * The typed settings store: validated with the shared zod schema on every load and write,
 * migrated by version, and recovered when the file is corrupt (kept aside, defaults restored,
 * a warning logged and kept for the UI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import { describeIssues } from '../../../shared/schemas.js';
import { fileStamp } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import type { SettingsBackend } from './backend.js';
import { SETTINGS_VERSION, migrateSettings } from './migrations.js';

export interface SettingsStore {
  /** The current settings (a copy: mutate through `update`). */
  get(): Settings;
  /** Applies a change, validates the result, persists it and notifies; invalid → AimeError, nothing saved. */
  update(change: (draft: Settings) => void): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
  readonly path: string;
  /** Problems found while loading (e.g. a corrupt file kept aside), for the UI and `aime status`. */
  readonly loadWarnings: readonly string[];
}

export interface SettingsStoreOptions {
  backendFactory: () => SettingsBackend;
  /** The settings file, to check before the backend parses it (a corrupt file would make it throw). */
  file: string;
  defaultOutputDir: string;
  clock: Clock;
  log: Logger;
}

function withDefaults(raw: Record<string, unknown>, defaults: Settings): Record<string, unknown> {
  // New top-level groups added in later versions get their defaults; present values are kept as they are.
  const merged: Record<string, unknown> = { ...defaults, ...raw };
  for (const group of ['euria', 'haiku', 'desktop'] as const) {
    const value = raw[group];
    if (value && typeof value === 'object') merged[group] = { ...defaults[group], ...value };
  }
  return merged;
}

/** Reads and checks the file; anything unusable is moved aside and reported. */
function checkFile(file: string, clock: Clock): { aside?: string; reason?: string } {
  if (!fs.existsSync(file)) return {};
  let reason: string;
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) return {};
    reason = 'not a JSON object';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const aside = path.join(path.dirname(file), `settings.corrupt-${fileStamp(clock.now())}.json`);
  fs.renameSync(file, aside);
  return { aside, reason };
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { clock, log } = options;
  const warnings: string[] = [];
  const defaults = defaultSettings(options.defaultOutputDir);

  const moved = checkFile(options.file, clock);
  if (moved.aside) {
    warnings.push(`The settings file was unreadable (${moved.reason}); it was kept as ${moved.aside} and defaults were restored.`);
  }
  const backend = options.backendFactory();

  let current: Settings;
  try {
    const migrated = migrateSettings(withDefaults(backend.store, defaults));
    const parsed = settingsSchema.safeParse(migrated);
    if (parsed.success) {
      current = parsed.data;
    } else {
      const aside = path.join(path.dirname(backend.path), `settings.invalid-${fileStamp(clock.now())}.json`);
      fs.copyFileSync(backend.path, aside);
      warnings.push(
        `The settings file had invalid values (${describeIssues(parsed.error)}); it was kept as ${aside} and defaults were restored.`,
      );
      current = defaults;
    }
  } catch (error) {
    warnings.push(`The settings could not be read (${(error as Error).message}); defaults were restored.`);
    current = defaults;
  }
  backend.store = { ...current, schema_version: SETTINGS_VERSION };
  for (const warning of warnings) log.warn(warning);

  const listeners = new Set<(settings: Settings) => void>();

  /**
   * The desktop app or `aime serve` and the CLI share one settings file: a change written by
   * another process (`aime config set`) is picked up here when the file's modification time
   * moves, so the running scheduler uses it at its next check. An invalid file written by
   * hand is ignored (with a warning) and the settings in use stay as they are.
   */
  const modified = (): number | null => {
    try {
      return fs.statSync(backend.path).mtimeMs;
    } catch {
      return null;
    }
  };
  let seen = modified();
  const refresh = (): void => {
    const now = modified();
    if (now === null || now === seen) return;
    seen = now;
    const parsed = settingsSchema.safeParse(withDefaults(backend.store, defaults));
    if (!parsed.success) {
      log.warn(`settings changed on disk but are invalid (${describeIssues(parsed.error)}); keeping the settings in use`);
      return;
    }
    current = parsed.data;
    for (const listener of listeners) listener(structuredClone(current));
  };

  return {
    get: () => {
      refresh();
      return structuredClone(current);
    },
    update(change) {
      refresh();
      const draft = structuredClone(current);
      change(draft);
      const parsed = settingsSchema.safeParse(draft);
      if (!parsed.success) throw new AimeError('invalid_input', describeIssues(parsed.error));
      current = parsed.data;
      backend.store = { ...current, schema_version: SETTINGS_VERSION };
      seen = modified();
      for (const listener of listeners) listener(structuredClone(current));
      return structuredClone(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    path: backend.path,
    loadWarnings: warnings,
  };
}
