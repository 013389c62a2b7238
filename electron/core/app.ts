/**
 * The composition root. The CLI, `aime serve` and Electron's main process each build one
 * core and call the same services; nothing in the engine is a module-level singleton, and
 * everything that touches the outside world (clock, network, folders, logs, settings file)
 * is injected so tests run on temporary folders with a fake clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AimeApi } from '../../shared/contract.js';
import type { ApiState } from '../../shared/api.js';
import type { Settings } from '../../shared/config.js';
import type { TaskId, RunTrigger } from '../../shared/tasks.js';
import { msg } from '../../shared/messages/index.js';
import { createBackgroundImports, importProgressView, type BackgroundImports } from './collection/background-import.js';
import { createCollection, type Collection } from './collection/index.js';
import { createWriteGate } from './collection/write-gate.js';
import { configView } from './config-view.js';
import { openDatabase, type Db } from './collection/database.js';
import { createLinkedSync, type LinkedSync } from './collection/linked-sync.js';
import { createSourceStore, type SourceStore } from './collection/sources.js';
import { discogsBaseUrl } from './discogs/client.js';
import { createEventBus, type EventBus } from './events.js';
import { plainSealer, type SecretSealer } from './secrets.js';
import { createHaikuWriter } from './haiku/index.js';
import { createFileLogger } from './log.js';
import { ensureApiToken } from './api-token.js';
import { ensurePrivateDir } from './private-files.js';
import { createOutputFolder, removeLeftoverTemporaries, type OutputFolder } from './output/index.js';
import {
  acquireDataLock,
  createRunner,
  type DataLock,
  createScheduler,
  type Runner,
  type Scheduler,
  type SchedulerDeps,
} from './schedule/index.js';
import { createAimeService } from './service.js';
import { createJsonFileBackend, SETTINGS_FILE_NAME, type SettingsBackendFactory } from './settings/backend.js';
import { effectiveEuria } from './settings/euria-env.js';
import { defaultOutputDir } from './settings/paths.js';
import { createSettingsStore, type SettingsStore } from './settings/store.js';
import { executeTask } from './tasks/index.js';
import { systemClock, type Clock, type Fetcher, type Logger, type Notice } from './types.js';

export const COLLECTION_FILE_NAME = 'collection.db';
export const COLLECTION_MISSING: Notice = {
  line: 'collection.db was not found; a new empty collection was created',
  text: msg('collection.missing'),
};

const RETENTION_PAUSED = msg('warning.settings_recovered');

export interface CoreOptions {
  /** Holds collection.db, settings.json, logs/ and the scheduler lock. */
  dataDir: string;
  /** This process's output folder (`--output`); not saved. Default: the settings' output_dir. */
  outputDir?: string;
  clock?: Clock;
  fetch?: Fetcher;
  /** Default: a rotating file in <dataDir>/logs. */
  log?: Logger;
  /** For AIME_EURIA_*; default process.env. */
  env?: Record<string, string | undefined>;
  /** Default: settings.json in dataDir (settings/backend.ts). Electron passes electron-store. */
  settingsBackend?: SettingsBackendFactory;
  /** The native open-file dialog (the desktop app); null when cancelled. */
  pickFile?: () => Promise<string | null>;
  /** Opens a folder in the OS file manager. */
  openPath?: (dir: string) => Promise<boolean>;
  /** Timers for the scheduler (tests inject fakes). */
  timers?: SchedulerDeps['timers'];
  /** Home folder used for the default output folder (tests pass a temp folder). */
  homeDir?: string;
  /** better-sqlite3's native file built for Electron; plain Node uses npm's build. */
  nativeBinding?: string;
  /** How the Discogs token is kept at rest; Electron passes safeStorage. Default: plain text. */
  secretSealer?: SecretSealer;
  /**
   * Tests: the Discogs client's waits (pacing, Retry-After) return at once. The client runs in
   * the worker thread, where this function cannot be called: giving one only says "do not wait".
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Core {
  api: AimeApi;
  dataDir: string;
  log: Logger;
  settings: SettingsStore;
  events: EventBus;
  db: Db;
  collection: Collection;
  /** Imports in a worker thread (progress, cancel). */
  imports: BackgroundImports;
  /** Linked sources and their sync (sync_collection). */
  sources: SourceStore;
  sync: LinkedSync;
  runner: Runner;
  scheduler: Scheduler;
  /** The output folder's owner (the `--output` override or the settings' folder). */
  output: OutputFolder;
  /** The local API's owner token (`<data>/api-token`, created at the first start). */
  apiToken: string;
  /**
   * What the person should know about this start, one line each: settings recovered field by
   * field, a collection found missing. Shown by the CLI, `status` and the window.
   */
  warnings(): Notice[];
  /** Takes the data-folder lock, recovers interrupted runs and leftovers, starts the timers (with catch-up). */
  start(): Promise<void>;
  /**
   * The host says what its REST API does: the port goes into the data-folder lock (so the CLI
   * finds this host), the state into `getApplication`, and every window is told.
   */
  reportApi(state: ApiState): void;
  /** The wall-clock check; Electron calls it on resume from sleep and screen unlock. */
  checkNow(): Promise<void>;
  /** Stops timers, waits for running tasks, closes the database, releases the lock. */
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  // Settings, the API token and logs live here: other local users may not even list it.
  ensurePrivateDir(dataDir);
  const apiToken = ensureApiToken(dataDir);
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const log = options.log ?? createFileLogger({ dir: path.join(dataDir, 'logs') });

  const settingsFile = path.join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  const settingsExisted = fs.existsSync(settingsFile);
  const settings = createSettingsStore({
    backendFactory: options.settingsBackend ?? (() => createJsonFileBackend(dataDir)),
    file: settingsFile,
    defaultOutputDir: defaultOutputDir(dataDir, options.homeDir),
    clock,
    log: log.child('settings'),
  });
  const output = createOutputFolder({ settings, override: options.outputDir });
  const outputDir = () => output.current();

  const dbFile = path.join(dataDir, COLLECTION_FILE_NAME);
  const notices: Notice[] = [];
  // Settings without their collection: a moved or deleted collection.db must not pass silently
  // for an empty one. (The store has just written settings.json if it was new, so ask first.)
  if (settingsExisted && !fs.existsSync(dbFile)) notices.push(COLLECTION_MISSING);
  const db = openDatabase(dbFile, { nativeBinding: options.nativeBinding });
  for (const notice of notices) log.warn(notice.line);
  const warnings = (): Notice[] => [...notices, ...settings.loadNotices];
  const events = createEventBus(log.child('events'));
  const collection = createCollection(db, { clock, log: log.child('collection') });
  // Imports write from a worker thread; the engine's own writes wait for them at this gate.
  const gate = createWriteGate();
  // A given `sleep` is a test's: the worker's Discogs waits then return at once.
  const imports = createBackgroundImports({ db, gate, clock, log, instantWaits: options.sleep !== undefined });
  imports.subscribe((current) => events.emit({ type: 'import-progress', import: importProgressView(current) }));
  const sources = createSourceStore(db, options.secretSealer ?? plainSealer, { discogsApiUrl: () => discogsBaseUrl(env) });
  // Each source's sync (and its Discogs requests) runs in the worker, like an import.
  const sync = createLinkedSync({
    db,
    sources,
    clock,
    log,
    fetch: options.fetch ?? globalThis.fetch,
    env,
    runJob: (spec, jobOptions) => imports.sync(spec, jobOptions),
    gate,
  });
  const haiku = createHaikuWriter({
    getSettings: () => ({ euria: effectiveEuria(settings.get().euria, env).euria }),
    fetch: options.fetch ?? globalThis.fetch,
    clock,
    log: log.child('haiku'),
  });

  const taskLog = log.child('app.services.scheduler_service');
  const execute = (task: TaskId, _trigger: RunTrigger) => {
    const current: Settings = settings.get();
    return executeTask(task, {
      db,
      outputDir: outputDir(),
      maxFilesPerType: current.max_files_per_type,
      retentionPaused: settings.recovered ? RETENTION_PAUSED : undefined,
      clock,
      log: taskLog,
      haiku,
      haikuLanguage: current.haiku.language,
      sync,
    });
  };
  const runner = createRunner({
    db,
    gate,
    clock,
    log: taskLog,
    execute,
    onEvent: (event) => {
      events.emit(event);
      if (event.type === 'run-finished') events.emit({ type: 'files-changed' });
    },
  });
  const scheduler = createScheduler({
    db,
    gate,
    clock,
    log: log.child('scheduler'),
    runner,
    getSettings: () => settings.get(),
    timers: options.timers,
  });

  // No host serves this core's API until it says otherwise (a one-shot CLI command never does).
  let apiState: ApiState | null = null;
  const api = createAimeService({
    settings,
    sources,
    sync,
    uploadsDir: path.join(dataDir, 'sources'),
    collection,
    imports,
    runner,
    scheduler,
    haiku,
    events,
    clock,
    log,
    env,
    output,
    apiState: () => apiState,
    openPath: options.openPath,
    warnings,
    pickFile: options.pickFile,
  });

  // The one place a settings change is acted on, whichever door made it (window, API, CLI, or
  // another process editing settings.json): timers re-armed, every window, the tray and SSE told.
  settings.onChange(() => {
    scheduler.rearm();
    events.emit({ type: 'config-changed', config: configView(settings.get(), outputDir()) });
  });

  let lock: DataLock | undefined;
  let closed = false;

  return {
    api,
    dataDir,
    log,
    settings,
    events,
    db,
    collection,
    imports,
    sources,
    sync,
    runner,
    scheduler,
    output,
    apiToken,
    warnings,
    async start() {
      lock = acquireDataLock(dataDir);
      settings.watch();
      const interrupted = runner.recoverInterrupted();
      if (interrupted > 0) log.warn(`${interrupted} run(s) interrupted by a previous stop marked as failed`);
      removeLeftoverTemporaries(outputDir(), log.child('output'));
      await scheduler.start();
      log.info(`scheduler ${settings.get().enabled ? 'started' : 'paused'}; output folder ${outputDir()}`);
    },
    reportApi(state) {
      apiState = state;
      lock?.setPort(state.url ? Number(new URL(state.url).port) : null);
      events.emit({ type: 'config-changed', config: configView(settings.get(), outputDir()) });
    },
    checkNow: () => scheduler.checkNow(),
    async close() {
      if (closed) return;
      closed = true;
      // An import or sync cut short by closing rolls back: the collection stays as it was.
      sync.cancel();
      await imports.close();
      settings.close();
      await scheduler.stop();
      await runner.idle();
      db.close();
      lock?.release();
    },
  };
}
