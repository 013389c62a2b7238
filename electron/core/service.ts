/**
 * The engine's implementation of `AimeApi`: the one place where every front end (REST, IPC,
 * CLI, tray) ends up. Each method validates its arguments with the shared schemas, so every
 * transport refuses the same bad input with the same message and changes nothing.
 */
import path from 'node:path';
import { type AimeApi, type AimeMethod, parseArgs } from '../../shared/contract.js';
import type { ApiState, ApplicationView, EuriaView, SchedulerStatus } from '../../shared/api.js';
import type { Collection } from './collection/index.js';
import { configView, patchTask } from './config-view.js';
import type { EventBus } from './events.js';
import type { HaikuWriter } from './haiku/types.js';
import { generatedFilePath, latestHaikuPreview, listGeneratedFiles, readGeneratedFile, type OutputFolder } from './output/index.js';
import type { Runner, Scheduler } from './schedule/index.js';
import { effectiveEuria } from './settings/euria-env.js';
import type { SettingsStore } from './settings/store.js';
import { isoLocal } from './time-format.js';
import type { Clock, Logger } from './types.js';

export interface ServiceDeps {
  settings: SettingsStore;
  collection: Collection;
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
  /** What the host's REST API does, or null when no host serves this core (a one-shot CLI command). */
  apiState(): ApiState | null;
}

export function createAimeService(deps: ServiceDeps): AimeApi {
  const { settings, events, log } = deps;
  const args = <M extends AimeMethod>(method: M, values: unknown[]) => parseArgs(method, values);

  // A settings change re-arms the timers and emits config-changed from the store's onChange
  // (app.ts), whichever door made it: the setters below only change the settings.
  const config = () => configView(settings.get(), deps.output.current());

  const status = (): SchedulerStatus => {
    const current = settings.get();
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
      const [request] = args('importCollection', input);
      const summary =
        'demo' in request
          ? await deps.collection.importDemo()
          : await deps.collection.importFile(path.resolve(request.path), request.format);
      log.info(
        `import ${summary.format} ${summary.file}: ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped`,
      );
      events.emit({ type: 'collection-changed', stats: deps.collection.stats() });
      return summary;
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
      settings.update((draft) => {
        draft.euria = { ...draft.euria, ...euria };
        if (language) draft.haiku.language = language;
      });
      // Never log the key itself, only whether it changed.
      const changed = Object.keys(patch).join(', ');
      log.info(`EurIA settings updated (${changed})`);
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
