/**
 * The engine's implementation of `AimeApi`: the one place where every front end (REST, IPC,
 * CLI, tray) ends up. Each method validates its arguments with the shared schemas, so every
 * transport refuses the same bad input with the same message and changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AimeApi, type AimeMethod, AimeError, parseArgs } from '../../shared/contract.js';
import type { ApiState, ApplicationView, EuriaView, ImportSummary, SchedulerStatus } from '../../shared/api.js';
import { importProgressView, type BackgroundImports } from './collection/background-import.js';
import type { Collection } from './collection/index.js';
import type { LinkedSync } from './collection/linked-sync.js';
import type { SourceStore } from './collection/sources.js';
import { UPLOAD_MAX_BYTES, type SourceUpload } from '../../shared/sources.js';
import type { RunTrigger } from '../../shared/tasks.js';
import { msg } from '../../shared/messages/index.js';
import { configView, patchTask } from './config-view.js';
import type { EventBus } from './events.js';
import type { HaikuWriter } from './haiku/types.js';
import { generatedFilePath, latestHaikuPreview, listGeneratedFiles, readGeneratedFile, type OutputFolder } from './output/index.js';
import type { Runner, Scheduler } from './schedule/index.js';
import { bindEuriaKey, effectiveEuria } from './settings/euria-env.js';
import type { SettingsStore } from './settings/store.js';
import { isoLocal } from './time-format.js';
import type { Clock, Logger, Notice } from './types.js';

export interface ServiceDeps {
  settings: SettingsStore;
  collection: Collection;
  imports: BackgroundImports;
  /** Linked sources (their sync runs as the sync_collection task, through the runner). */
  sources: SourceStore;
  /** The sync in progress, to cancel it. */
  sync: Pick<LinkedSync, 'cancel'>;
  /** Where files dropped on the web page are kept (<data>/sources). */
  uploadsDir: string;
  runner: Runner;
  scheduler: Scheduler;
  haiku: HaikuWriter;
  events: EventBus;
  clock: Clock;
  log: Logger;
  env: Record<string, string | undefined>;
  /** The output folder's owner (settings, or this process's `--output`). */
  output: OutputFolder;
  openPath?: (dir: string) => Promise<boolean>;
  /** The desktop's native open-file dialog: a path, or null when cancelled. Absent elsewhere. */
  pickFile?: () => Promise<string | null>;
  /** What the host's REST API does, or null when no host serves this core (a one-shot CLI command). */
  apiState(): ApiState | null;
  /** Problems this start found (settings recovered, collection missing); status shows them. */
  warnings?: () => Notice[];
}

/** A file sent through the page (dropped or picked): its bytes, refused when empty or over the limit. */
function uploadedBytes(upload: SourceUpload): Buffer {
  const bytes = Buffer.from(upload.data_base64, 'base64');
  if (bytes.length === 0) throw new AimeError('invalid_input', `${upload.name} is empty`, undefined, msg('error.file_empty', { name: upload.name }));
  if (bytes.length > UPLOAD_MAX_BYTES) {
    throw new AimeError(
      'invalid_input',
      `${upload.name} is larger than ${UPLOAD_MAX_BYTES / 1024} KiB; use its path instead`,
      undefined,
      msg('error.file_too_large', { name: upload.name, kib: UPLOAD_MAX_BYTES / 1024 }),
    );
  }
  return bytes;
}

export function createAimeService(deps: ServiceDeps): AimeApi {
  const { settings, events, log } = deps;
  const args = <M extends AimeMethod>(method: M, values: unknown[]) => parseArgs(method, values);

  // A settings change re-arms the timers and emits config-changed from the store's onChange
  // (app.ts), whichever door made it: the setters below only change the settings.
  const config = () => configView(settings.get(), deps.output.current());

  /**
   * A one-shot import, whichever door started it: recorded in the run history (runner.recordImport),
   * its end logged, and the window's counts follow.
   */
  const importRun = async (
    trigger: RunTrigger,
    start: (begin: () => void) => Promise<ImportSummary>,
  ): Promise<ImportSummary> => {
    const summary = await deps.runner.recordImport(trigger, start);
    log.info(`import ${summary.format} ${summary.file}: ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped`);
    events.emit({ type: 'collection-changed', stats: deps.collection.stats() });
    return summary;
  };

  const status = (): SchedulerStatus => {
    const current = settings.get();
    const notices = deps.warnings?.() ?? [...settings.loadNotices];
    return {
      running: current.enabled,
      now: isoLocal(deps.clock.now()),
      tasks: current.tasks.map((task) => {
        const next = deps.scheduler.nextRunAt(task.name);
        return {
          name: task.name,
          enabled: task.enabled,
          running: deps.runner.isRunning(task.name),
          next_run_at: next ? isoLocal(next) : null,
          last_run: deps.runner.lastRun(task.name),
        };
      }),
      warnings: notices.map((notice) => notice.line),
      warning_texts: notices.map((notice) => notice.text),
      settings_recovered: settings.recovered,
      log_failures: log.health?.().failures ?? 0,
    };
  };

  const euriaView = (): EuriaView => {
    const stored = settings.get();
    const { euria, fromEnv } = effectiveEuria(stored.euria, deps.env);
    return {
      url: euria.url,
      model: euria.model,
      timeout_ms: euria.timeout_ms,
      concurrency: euria.concurrency,
      key_configured: euria.api_key.length > 0,
      language: stored.haiku.language,
      from_env: fromEnv,
    };
  };

  const applicationView = (): ApplicationView => {
    const { desktop, api } = settings.get();
    return {
      desktop: {
        start_at_login: desktop.start_at_login,
        notify_on_success: desktop.notify_on_success,
        notify_on_failure: desktop.notify_on_failure,
      },
      api: deps.apiState() ?? { enabled: api.enabled, port: api.port, url: null, problem: null },
    };
  };

  return {
    async getConfig() {
      args('getConfig', []);
      return config();
    },

    async setMaxFilesPerType(...input) {
      const [value] = args('setMaxFilesPerType', input);
      settings.update((draft) => void (draft.max_files_per_type = value));
      log.info(`max_files_per_type set to ${value}`);
      return { max_files_per_type: value };
    },

    async setOutputDir(...input) {
      const [raw] = args('setOutputDir', input);
      const dir = deps.output.set(raw);
      log.info(`output folder set to ${dir}`);
      events.emit({ type: 'files-changed' });
      return config();
    },

    async setSchedulerEnabled(...input) {
      const [enabled] = args('setSchedulerEnabled', input);
      settings.update((draft) => void (draft.enabled = enabled));
      log.info(enabled ? 'scheduler started' : 'scheduler stopped');
      return status();
    },

    async setCatchUpMissedRuns(...input) {
      const [enabled] = args('setCatchUpMissedRuns', input);
      settings.update((draft) => void (draft.catch_up_missed_runs = enabled));
      return config();
    },

    async updateTask(...input) {
      const [name, patch] = args('updateTask', input);
      const updated = settings.update((draft) => {
        draft.tasks = draft.tasks.map((task) => (task.name === name ? patchTask(task, patch) : task));
      });
      log.info(`task ${name} updated: ${JSON.stringify(patch)}`);
      return updated.tasks.find((task) => task.name === name)!;
    },

    async runNow(...input) {
      const [task, trigger] = args('runNow', input);
      return deps.runner.run(task, trigger ?? 'manual');
    },

    async status() {
      args('status', []);
      return status();
    },

    async history(...input) {
      const [limit] = args('history', input);
      return deps.runner.history(limit ?? 50);
    },

    async listFiles() {
      args('listFiles', []);
      return listGeneratedFiles(deps.output.current());
    },

    async importCollection(...input) {
      const [request, trigger] = args('importCollection', input);
      return importRun(trigger ?? 'manual', (begin) =>
        'demo' in request ? deps.imports.importDemo(begin) : deps.imports.importFile(path.resolve(request.path), request.format, begin),
      );
    },

    async importUpload(...input) {
      const [upload, trigger] = args('importUpload', input);
      const bytes = uploadedBytes(upload);
      // A private copy for the importer to read (0700 folder), removed whatever happens.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-import-'));
      try {
        const file = path.join(dir, upload.name);
        fs.writeFileSync(file, bytes, { mode: 0o600 });
        log.info(`import of a dropped file: ${upload.name} (${bytes.length} bytes)`);
        // The history names the file as it was dropped, not its temporary copy.
        return await importRun(trigger ?? 'manual', async (begin) => ({ ...(await deps.imports.importFile(file, undefined, begin)), file: upload.name }));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },

    async chooseImportFile() {
      args('chooseImportFile', []);
      if (!deps.pickFile) return { available: false, summary: null };
      const file = await deps.pickFile();
      if (file === null) return { available: true, summary: null };
      return { available: true, summary: await importRun('manual', (begin) => deps.imports.importFile(file, undefined, begin)) };
    },

    async currentImport() {
      args('currentImport', []);
      return importProgressView(deps.imports.current());
    },

    async cancelImport() {
      args('cancelImport', []);
      const cancelled = deps.imports.cancel();
      if (cancelled) log.info('import cancel asked');
      return { cancelled };
    },

    async listSources() {
      args('listSources', []);
      return deps.sources.list();
    },

    async addSource(...input) {
      const [request] = args('addSource', input);
      const linkedBefore = deps.sources.list().length;
      const source = deps.sources.add(request, isoLocal(deps.clock.now()));
      // The token is never logged: only that one was given.
      if (deps.sources.list().length === linkedBefore) log.info(`source ${source.id}: its Discogs token was entered again`);
      else log.info(`source ${source.id} linked: ${source.kind} ${source.location}${source.has_token ? ' (with a token)' : ''}`);
      return source;
    },

    async uploadSource(...input) {
      const [upload] = args('uploadSource', input);
      const bytes = uploadedBytes(upload);
      const file = path.join(deps.uploadsDir, upload.name);
      const existing = deps.sources.list().find((source) => source.location === file);
      // Written whole under a temporary name first: a sync never reads half a file.
      fs.mkdirSync(deps.uploadsDir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.uploading`;
      fs.writeFileSync(temporary, bytes, { mode: 0o600 });
      if (existing) {
        fs.renameSync(temporary, file);
        log.info(`source ${existing.id} replaced by an upload of ${upload.name} (${bytes.length} bytes)`);
        return deps.sources.get(existing.id);
      }
      const previous = fs.existsSync(file) ? fs.readFileSync(file) : null;
      fs.renameSync(temporary, file);
      try {
        const source = deps.sources.add({ path: file }, isoLocal(deps.clock.now()));
        log.info(`source ${source.id} linked from an upload: ${upload.name} (${bytes.length} bytes)`);
        return source;
      } catch (error) {
        // Bad input changes nothing: put back what was there.
        if (previous) fs.writeFileSync(file, previous, { mode: 0o600 });
        else fs.rmSync(file, { force: true });
        throw error;
      }
    },

    async chooseSourceFile() {
      args('chooseSourceFile', []);
      if (!deps.pickFile) return { available: false, source: null };
      const file = await deps.pickFile();
      if (file === null) return { available: true, source: null };
      const source = deps.sources.add({ path: file }, isoLocal(deps.clock.now()));
      log.info(`source ${source.id} linked from the file dialog: ${source.kind} ${source.location}`);
      return { available: true, source };
    },

    async removeSource(...input) {
      const [id] = args('removeSource', input);
      // Parsed to a number; the argument's declared type also admits the digits a path carries.
      const removed = deps.sources.remove(Number(id));
      log.info(`source ${id} unlinked (${removed.source.kind} ${removed.source.location}); ${removed.removed} album(s) removed`);
      events.emit({ type: 'collection-changed', stats: deps.collection.stats() });
      return removed;
    },

    async syncSources(...input) {
      const [trigger] = args('syncSources', input);
      const run = await deps.runner.run('sync_collection', trigger ?? 'manual');
      events.emit({ type: 'collection-changed', stats: deps.collection.stats() });
      return { run, sources: deps.sources.list() };
    },

    async cancelSync() {
      args('cancelSync', []);
      const cancelled = deps.sync.cancel();
      if (cancelled) log.info('sync cancel asked');
      return { cancelled };
    },

    async collectionStats() {
      args('collectionStats', []);
      return deps.collection.stats();
    },

    async getEuria() {
      args('getEuria', []);
      return euriaView();
    },

    async updateEuria(...input) {
      const [patch] = args('updateEuria', input);
      const { language, ...euria } = patch;
      let dropped = false;
      settings.update((draft) => {
        const bound = bindEuriaKey(draft.euria, { ...draft.euria, ...euria }, euria.api_key !== undefined);
        draft.euria = bound.euria;
        dropped = bound.dropped;
        if (language) draft.haiku.language = language;
      });
      // Never log the key itself, only whether it changed.
      const changed = Object.keys(patch).join(', ');
      log.info(`EurIA settings updated (${changed})`);
      if (dropped) log.warn('the EurIA URL now names another server: the key was dropped; enter it again for this server');
      return euriaView();
    },

    async testEuria() {
      args('testEuria', []);
      return deps.haiku.test();
    },

    async openOutputFolder() {
      args('openOutputFolder', []);
      const dir = deps.output.ensure();
      const opened = deps.openPath ? await deps.openPath(dir) : false;
      return { path: dir, opened };
    },

    async latestHaiku() {
      args('latestHaiku', []);
      return latestHaikuPreview(deps.output.current());
    },

    async readFile(...input) {
      const [name] = args('readFile', input);
      return readGeneratedFile(deps.output.current(), name);
    },

    async openFile(...input) {
      const [name] = args('openFile', input);
      const file = generatedFilePath(deps.output.current(), name);
      const opened = deps.openPath ? await deps.openPath(file) : false;
      return { path: file, opened };
    },

    async getApplication() {
      args('getApplication', []);
      return applicationView();
    },

    async updateApplication(...input) {
      const [patch] = args('updateApplication', input);
      // Start at login, notifications and the API follow from the change event (desktop.ts, host.ts).
      settings.update((draft) => {
        draft.desktop = { ...draft.desktop, ...patch.desktop };
        draft.api = { ...draft.api, ...patch.api };
      });
      log.info(`application preferences updated: ${JSON.stringify(patch)}`);
      return applicationView();
    },

    subscribe(listener) {
      return events.subscribe(listener);
    },
  };
}
