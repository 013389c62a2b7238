/**
 * The typed settings store: validated with the shared zod schema on every load and write,
 * migrated by version, and recovered when the file is corrupt (kept aside, defaults restored,
 * a warning logged and kept for the UI). Reads come from memory; the file is watched for
 * other processes' edits, and every change, from any door, reaches the `onChange` listeners.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import { describeIssues } from '../../../shared/schemas.js';
import { fileStamp } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import type { SettingsBackend } from './backend.js';
import { SETTINGS_VERSION, migrateSettings } from './migrations.js';

export interface SettingsStore {
  /** The current settings (a copy: mutate through `update`). Reads never touch the disk. */
  get(): Settings;
  /** Applies a change, validates the result, persists it and notifies; invalid → AimeError, nothing saved. */
  update(change: (draft: Settings) => void): Settings;
  /**
   * Every change, whoever made it: this process's `update`, or another process writing the file
   * (seen once `watch()` runs). The one place a change is acted on (timers, events, the shell).
   */
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
  /** Starts watching the file for other processes' edits (the scheduler's owner does). Idempotent. */
  watch(): void;
  /** Stops watching. */
  close(): void;
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
  /** Quiet time after the last file event before the file is re-read (an editor's save is several events). */
  watchDebounceMs?: number;
}

function withDefaults(raw: Record<string, unknown>, defaults: Settings): Record<string, unknown> {
  // New top-level groups added in later versions get their defaults; present values are kept as they are.
  const merged: Record<string, unknown> = { ...defaults, ...raw };
  for (const group of ['euria', 'haiku', 'desktop', 'api'] as const) {
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
  // Written back only when loading changed something (defaults, a migration): opening the
  // settings to read them must not rewrite the file (`aime status` is a read).
  const onDisk = (): Record<string, unknown> => ({ ...current, schema_version: SETTINGS_VERSION });
  if (!isDeepStrictEqual(readBackend(backend), onDisk())) backend.store = onDisk();
  for (const warning of warnings) log.warn(warning);

  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  const notify = (previous: Settings): void => {
    for (const listener of [...listeners]) {
      try {
        listener(structuredClone(current), previous);
      } catch (error) {
        log.warn(`a settings listener failed: ${(error as Error).message}`);
      }
    }
  };

  /**
   * The desktop app or `aime serve` and the CLI (or a person with an editor) share one file.
   * The folder is watched, not the file: writers replace the file by renaming a temporary one
   * over it, which a watch on the file itself would lose. Our own writes read back equal and
   * are ignored; an invalid file written by hand is ignored (with a warning) and the settings
   * in use stay as they are.
   */
  const reload = (): void => {
    let raw: Record<string, unknown> | null;
    try {
      raw = readBackend(backend);
    } catch (error) {
      log.warn(`settings changed on disk but cannot be read (${(error as Error).message}); keeping the settings in use`);
      return;
    }
    if (raw === null) return; // removed, or mid-replacement: the next event brings the new file
    let parsed: ReturnType<typeof settingsSchema.safeParse>;
    try {
      parsed = settingsSchema.safeParse(migrateSettings(withDefaults(raw, defaults)));
    } catch (error) {
      log.warn(`settings changed on disk but cannot be used (${(error as Error).message}); keeping the settings in use`);
      return;
    }
    if (!parsed.success) {
      log.warn(`settings changed on disk but are invalid (${describeIssues(parsed.error)}); keeping the settings in use`);
      return;
    }
    const next = parsed.data;
    if (isDeepStrictEqual(next, current)) return;
    const previous = current;
    current = next;
    log.info('settings changed by another process');
    notify(previous);
  };

  const debounceMs = options.watchDebounceMs ?? 100;
  let watcher: fs.FSWatcher | null = null;
  let pending: NodeJS.Timeout | null = null;
  const fileName = path.basename(backend.path);

  return {
    get: () => structuredClone(current),
    update(change) {
      const draft = structuredClone(current);
      change(draft);
      const parsed = settingsSchema.safeParse(draft);
      if (!parsed.success) throw new AimeError('invalid_input', describeIssues(parsed.error));
      const previous = current;
      current = parsed.data;
      backend.store = onDisk();
      notify(previous);
      return structuredClone(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    watch() {
      if (watcher) return;
      try {
        watcher = fs.watch(path.dirname(backend.path), { persistent: false }, (_event, name) => {
          if (name !== null && name !== fileName) return;
          if (pending) clearTimeout(pending);
          pending = setTimeout(() => {
            pending = null;
            if (watcher) reload();
          }, debounceMs);
        });
        watcher.on('error', (error) => log.warn(`watching the settings file stopped: ${error.message}`));
      } catch (error) {
        log.warn(`cannot watch ${backend.path} for changes by other processes: ${(error as Error).message}`);
      }
    },
    close() {
      watcher?.close();
      watcher = null;
      if (pending) clearTimeout(pending);
      pending = null;
    },
    path: backend.path,
    loadWarnings: warnings,
  };
}

/**
 * The backend's content as stored, as plain objects (conf hands out null-prototype ones, which
 * never compare equal to ours), or null when there is no file (being replaced).
 */
function readBackend(backend: SettingsBackend): Record<string, unknown> | null {
  if (!fs.existsSync(backend.path)) return null;
  return JSON.parse(JSON.stringify(backend.store)) as Record<string, unknown>;
}
