/**
 * The typed settings store: validated with the shared zod schema on every load and write,
 * migrated by version, and never lost (DESIGN.md §6):
 * - every successful save also keeps `settings.last-good.json`;
 * - on load, each invalid field falls back to its last-good value, else its default, and the
 *   valid fields are kept (recover.ts). Such a recovered state is loud (`warnings`, logged) and
 *   `recovered` stays true — retention then deletes nothing — until the user saves;
 * - a recovered file is not rewritten by reading it: every process that opens it says so again.
 * Reads come from memory; the folder is watched for other processes' edits, and every change,
 * from any door, reaches the `onChange` listeners.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/config.js';
import { AimeError } from '../../../shared/contract.js';
import { msg, type MessageRef } from '../../../shared/messages/index.js';
import { describeIssues } from '../../../shared/schemas.js';
import { writePrivateFile, PRIVATE_FILE_MODE } from '../private-files.js';
import { fileStamp } from '../time-format.js';
import type { Clock, Logger, Notice } from '../types.js';
import type { SettingsBackend, SettingsBackendFactory } from './backend.js';
import { SETTINGS_VERSION, migrateSettings } from './migrations.js';
import { describeRecovery, recoverSettings, recoveryTexts } from './recover.js';

export const LAST_GOOD_FILE_NAME = 'settings.last-good.json';

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
  /** What is wrong with the settings file and what was used instead, one line per field; empty when all is well. */
  readonly loadWarnings: readonly string[];
  /** The same, each with its code plus parameters, for each door to say in its reader's language. */
  readonly loadNotices: readonly Notice[];
  /** True while some values come from the last-good file or defaults: retention deletes nothing until a save. */
  readonly recovered: boolean;
}

export interface SettingsStoreOptions {
  backendFactory: SettingsBackendFactory;
  /** The settings file, to check before the backend parses it (a corrupt file would make it throw). */
  file: string;
  defaultOutputDir: string;
  clock: Clock;
  log: Logger;
  /** Quiet time after the last file event before the file is re-read (an editor's save is several events). */
  watchDebounceMs?: number;
}

type Raw = Record<string, unknown>;
type FileState = { kind: 'missing' } | { kind: 'unreadable'; reason: string; reasonText: MessageRef } | { kind: 'object' };

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
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `it cannot be read (${code ?? 'error'})`, reasonText: msg('settings.reason_unreadable') };
  }
  try {
    if (isObject(JSON.parse(text))) return { kind: 'object' };
    return { kind: 'unreadable', reason: 'it is not a JSON object', reasonText: msg('settings.reason_not_object') };
  } catch {
    return text.trim() === ''
      ? { kind: 'unreadable', reason: 'it is empty', reasonText: msg('settings.reason_empty') }
      : { kind: 'unreadable', reason: 'it is not valid JSON', reasonText: msg('settings.reason_not_json') };
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
      const decode = options.backendFactory.decode;
      return migrateSettings(decode ? decode(raw) : raw);
    } catch {
      return undefined;
    }
  };

  /** Keeps the file as it is now as the last-good copy (written only when it differs). */
  const keepLastGood = (): void => {
    try {
      const bytes = fs.readFileSync(file);
      const kept = fs.existsSync(lastGoodFile) ? fs.readFileSync(lastGoodFile) : undefined;
      if (!kept?.equals(bytes)) writePrivateFile(lastGoodFile, bytes);
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
    /** In English, with the schema's exact problem: for the log and the API's plain `warnings`. */
    warnings: string[];
    /** The same warnings as codes plus parameters, same order: what each door says. */
    texts: MessageRef[];
    state: FileState['kind'];
  }

  const load = (): Loaded => {
    const state = inspect(file);
    if (state.kind === 'missing') return { settings: defaults, warnings: [], texts: [], state: 'missing' };
    if (state.kind === 'unreadable') {
      const lastGood = readLastGood();
      const { settings } = recoverSettings(lastGood ?? {}, undefined, defaults);
      const used = lastGood ? `every value from ${LAST_GOOD_FILE_NAME}` : 'the defaults (there is no last-good copy)';
      return {
        settings,
        warnings: [`settings.json is unusable (${state.reason}); using ${used} until the settings are saved`],
        texts: [msg('settings.unusable', { reason: state.reasonText, used: msg(lastGood ? 'settings.used_all_last_good' : 'settings.used_all_defaults') })],
        state: 'unreadable',
      };
    }
    const warnings: string[] = [];
    const texts: MessageRef[] = [];
    let raw: Raw;
    try {
      raw = migrateSettings(open().store);
    } catch (error) {
      // A newer version's file: its fields are checked one by one like any other, and never overwritten by a read.
      warnings.push(`settings.json: ${(error as Error).message}; its fields are used where this version understands them`);
      texts.push(msg('settings.newer_version'));
      raw = open().store;
    }
    const recovery = recoverSettings(raw, readLastGood(), defaults);
    warnings.push(...describeRecovery(recovery.fields).map((line) => `settings.json: ${line}`));
    texts.push(...recoveryTexts(recovery.fields));
    return { settings: recovery.settings, warnings, texts, state: 'object' };
  };

  const persist = (settings: Settings): void => {
    const store = open();
    const onDisk = plain(store.store) as Raw;
    // Fields this version does not know are kept as they are: a newer version's, or the desktop
    // app's sealed EurIA key, which the CLI cannot open but must not erase by saving a setting.
    const unknown = Object.entries(onDisk).filter(([key]) => !(key in settingsSchema.shape) && key !== 'schema_version');
    const value = { ...Object.fromEntries(unknown), ...settings, schema_version: SETTINGS_VERSION };
    // Written only when it differs (a repair, a migration, a change): opening the settings to
    // read them must not rewrite the file (`aime status` is a read).
    if (!isDeepStrictEqual(onDisk, value)) store.store = value;
    secure();
    keepLastGood();
  };

  let loaded = load();
  let current = loaded.settings;
  let warnings = loaded.warnings;
  if (warnings.length === 0) persist(current);
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
   * change nothing; a file broken by hand is recovered field by field, like at start, and said so.
   */
  const reload = (): void => {
    // Removed, or mid-replacement: the next event brings the new file.
    if (inspect(file).kind === 'missing') return;
    let next: Loaded;
    try {
      next = load();
    } catch (error) {
      log.warn(`settings changed on disk but cannot be read (${(error as Error).message}); keeping the settings in use`);
      return;
    }
    const warningsChanged = !isDeepStrictEqual(next.warnings, warnings);
    if (next.warnings.length > 0 && warningsChanged) {
      log.warn(`settings changed on disk but are invalid: ${next.warnings.join('; ')}`);
    }
    loaded = next;
    warnings = next.warnings;
    if (isDeepStrictEqual(next.settings, current)) {
      // The same values, but the file went from sound to recovered (or back): the window's
      // banner and the tray's badge follow at once, as they do for a change of values.
      if (warningsChanged) notify(current);
      return;
    }
    const previous = current;
    current = next.settings;
    log.info('settings changed by another process');
    notify(previous);
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

  const debounceMs = options.watchDebounceMs ?? 100;
  let watcher: fs.FSWatcher | null = null;
  let pending: NodeJS.Timeout | null = null;
  const fileName = path.basename(file);

  return {
    get: () => structuredClone(current),
    update(change) {
      const draft = structuredClone(current);
      change(draft);
      const parsed = settingsSchema.safeParse(draft);
      if (!parsed.success) throw new AimeError('invalid_input', describeIssues(parsed.error));
      setAsideBroken();
      const previous = current;
      current = parsed.data;
      persist(current);
      if (warnings.length > 0) log.info('settings saved: the recovered values are now the settings');
      warnings = [];
      loaded = { settings: current, warnings, texts: [], state: 'object' };
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
        watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
          if (name !== null && name !== fileName) return;
          if (pending) clearTimeout(pending);
          pending = setTimeout(() => {
            pending = null;
            if (watcher) reload();
          }, debounceMs);
        });
        watcher.on('error', (error) => log.warn(`watching the settings file stopped: ${error.message}`));
      } catch (error) {
        log.warn(`cannot watch ${file} for changes by other processes: ${(error as Error).message}`);
      }
    },
    close() {
      watcher?.close();
      watcher = null;
      if (pending) clearTimeout(pending);
      pending = null;
    },
    get path() {
      return file;
    },
    get loadWarnings() {
      return warnings;
    },
    get loadNotices() {
      return warnings.map((line, i) => ({ line, text: loaded.texts[i]! }));
    },
    get recovered() {
      return warnings.length > 0;
    },
  };
}

/** conf hands out null-prototype objects, which never compare equal to plain ones. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
