/**
 * The typed settings store: validated with the shared zod schema on every load and write,
 * migrated by version, and never lost (DESIGN.md §6):
 * - every successful save also keeps `settings.last-good.json`;
 * - on load, each invalid field falls back to its last-good value, else its default, and the
 *   valid fields are kept (recover.ts). Such a recovered state is loud (`warnings`, logged) and
 *   `recovered` stays true — retention then deletes nothing — until the user saves;
 * - a recovered file is not rewritten by reading it: every process that opens it says so again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import { describeIssues } from '../../../shared/schemas.js';
import { writePrivateFile, PRIVATE_FILE_MODE } from '../private-files.js';
import { fileStamp } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import type { SettingsBackend } from './backend.js';
import { SETTINGS_VERSION, migrateSettings } from './migrations.js';
import { describeRecovery, recoverSettings } from './recover.js';

export const LAST_GOOD_FILE_NAME = 'settings.last-good.json';

export interface SettingsStore {
  /** The current settings (a copy: mutate through `update`). */
  get(): Settings;
  /** Applies a change, validates the result, persists it and notifies; invalid → AimeError, nothing saved. */
  update(change: (draft: Settings) => void): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
  readonly path: string;
  /** What is wrong with the settings file and what was used instead, one line per field; empty when all is well. */
  readonly loadWarnings: readonly string[];
  /** True while some values come from the last-good file or defaults: retention deletes nothing until a save. */
  readonly recovered: boolean;
}

export interface SettingsStoreOptions {
  backendFactory: () => SettingsBackend;
  /** The settings file, to check before the backend parses it (a corrupt file would make it throw). */
  file: string;
  defaultOutputDir: string;
  clock: Clock;
  log: Logger;
}

type Raw = Record<string, unknown>;
type FileState = { kind: 'missing' } | { kind: 'unreadable'; reason: string } | { kind: 'object' };

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the file is, without quoting any of it (it may hold a key). */
function inspect(file: string): FileState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: `it cannot be read (${code ?? 'error'})` };
  }
  try {
    return isObject(JSON.parse(text)) ? { kind: 'object' } : { kind: 'unreadable', reason: 'it is not a JSON object' };
  } catch {
    return { kind: 'unreadable', reason: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { clock, log } = options;
  const file = options.file;
  const lastGoodFile = path.join(path.dirname(file), LAST_GOOD_FILE_NAME);
  const defaults = defaultSettings(options.defaultOutputDir);

  let backend: SettingsBackend | undefined;
  // Opened only once the file parses: conf and electron-store throw on a corrupt one.
  const open = (): SettingsBackend => (backend ??= options.backendFactory());

  const readLastGood = (): Raw | undefined => {
    try {
      const raw = JSON.parse(fs.readFileSync(lastGoodFile, 'utf8')) as unknown;
      if (!isObject(raw)) return undefined;
      return migrateSettings(backend?.decode ? backend.decode(raw) : raw);
    } catch {
      return undefined;
    }
  };

  const keepLastGood = (): void => {
    try {
      writePrivateFile(lastGoodFile, fs.readFileSync(file));
    } catch (error) {
      log.warn(`${LAST_GOOD_FILE_NAME} could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };

  const secure = (): void => {
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // Not every file system has modes (FAT, some network shares); the folder is 0700 anyway.
    }
  };

  interface Loaded {
    settings: Settings;
    warnings: string[];
    state: FileState['kind'];
  }

  const load = (): Loaded => {
    const state = inspect(file);
    if (state.kind === 'missing') return { settings: defaults, warnings: [], state: 'missing' };
    if (state.kind === 'unreadable') {
      const lastGood = readLastGood();
      const { settings } = recoverSettings(lastGood ?? {}, undefined, defaults);
      const used = lastGood ? `every value from ${LAST_GOOD_FILE_NAME}` : 'the defaults (there is no last-good copy)';
      return {
        settings,
        warnings: [`settings.json is unusable (${state.reason}); using ${used} until the settings are saved`],
        state: 'unreadable',
      };
    }
    const warnings: string[] = [];
    let raw: Raw;
    try {
      raw = migrateSettings(open().store);
    } catch (error) {
      // A newer version's file: its fields are checked one by one like any other, and never overwritten by a read.
      warnings.push(`settings.json: ${(error as Error).message}; its fields are used where this version understands them`);
      raw = open().store;
    }
    const recovery = recoverSettings(raw, readLastGood(), defaults);
    warnings.push(...describeRecovery(recovery.fields).map((line) => `settings.json: ${line}`));
    return { settings: recovery.settings, warnings, state: 'object' };
  };

  const persist = (settings: Settings): void => {
    const value = { ...settings, schema_version: SETTINGS_VERSION };
    const store = open();
    if (!isDeepStrictEqual(store.store, value)) store.store = value;
    secure();
    keepLastGood();
  };

  let loaded = load();
  let current = loaded.settings;
  let warnings = loaded.warnings;
  if (warnings.length === 0) persist(current);
  for (const warning of warnings) log.warn(warning);

  const listeners = new Set<(settings: Settings) => void>();
  const notify = () => {
    for (const listener of listeners) listener(structuredClone(current));
  };

  /**
   * The desktop app or `aime serve` and the CLI share one settings file: a change written by
   * another process (`aime config set`) is picked up here when the file's modification time
   * moves. A file broken by hand is recovered field by field, like at start, and said so.
   */
  const modified = (): number | null => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return null;
    }
  };
  let seen = modified();
  const refresh = (): void => {
    const now = modified();
    if (now === null || now === seen) return;
    seen = now;
    loaded = load();
    const changed = !isDeepStrictEqual(loaded.settings, current);
    if (loaded.warnings.length > 0 && !isDeepStrictEqual(loaded.warnings, warnings)) {
      log.warn(`settings changed on disk but are invalid: ${loaded.warnings.join('; ')}`);
    }
    warnings = loaded.warnings;
    current = loaded.settings;
    if (changed) notify();
  };

  /** Before the first save over a broken file, its bytes are kept aside for the person who edited it. */
  const setAsideBroken = (): void => {
    if (warnings.length === 0 || loaded.state === 'missing') return;
    const aside = path.join(path.dirname(file), `settings.invalid-${fileStamp(clock.now())}.json`);
    try {
      writePrivateFile(aside, fs.readFileSync(file));
      if (loaded.state === 'unreadable') fs.rmSync(file, { force: true });
      log.info(`the settings file as it was before this save is kept as ${aside}`);
    } catch (error) {
      log.warn(`the broken settings file could not be kept aside (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
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
      setAsideBroken();
      current = parsed.data;
      persist(current);
      if (warnings.length > 0) log.info('settings saved: the recovered values are now the settings');
      warnings = [];
      loaded = { settings: current, warnings, state: 'object' };
      seen = modified();
      notify();
      return structuredClone(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get path() {
      return file;
    },
    get loadWarnings() {
      refresh();
      return warnings;
    },
    get recovered() {
      refresh();
      return warnings.length > 0;
    },
  };
}
