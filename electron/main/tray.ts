/**
 * The tray: a pure menu builder (`buildTrayMenu`) from the core's status, the actions that call
 * the core, and a small holder that keeps the Tray referenced and rebuilds its menu on change.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AimeApi } from '../../shared/contract.js';
import type { ImportProgressView, SchedulerStatus } from '../../shared/api.js';
import { TASK_IDS, TASKS, type TaskId } from '../../shared/tasks.js';
import type { ApiState } from '../core/host.js';
import type { Logger } from '../core/types.js';

export type Lang = 'fr' | 'en';

const TEXT = {
  fr: {
    running: 'Planificateur actif',
    paused: 'Planificateur en pause',
    starting: 'Démarrage…',
    runNow: 'Lancer maintenant',
    inProgress: 'en cours…',
    openOutput: 'Ouvrir le dossier de sortie',
    latestHaiku: 'Ouvrir le dernier haïku',
    latestExport: 'Ouvrir le dernier export',
    pause: 'Mettre en pause',
    resume: 'Reprendre',
    settings: 'Paramètres…',
    quit: 'Quitter AIME Scheduler',
    next: 'Prochaine exécution',
    importing: 'Import',
    syncing: 'Synchronisation',
    cancelling: 'annulation…',
    none: 'aucune exécution prévue',
    apiOn: (url: string) => `API : ${url}`,
    apiOff: 'API désactivée',
    apiTaken: (port: number) => `API arrêtée : port ${port} occupé`,
    attention: '⚠ À vérifier dans les paramètres',
  },
  en: {
    running: 'Scheduler running',
    paused: 'Scheduler paused',
    starting: 'Starting…',
    runNow: 'Run now',
    inProgress: 'running…',
    openOutput: 'Open output folder',
    latestHaiku: 'Open the latest haiku',
    latestExport: 'Open the latest export',
    pause: 'Pause',
    resume: 'Resume',
    settings: 'Settings…',
    quit: 'Quit AIME Scheduler',
    next: 'Next run',
    importing: 'Importing',
    syncing: 'Syncing',
    cancelling: 'cancelling…',
    none: 'no run planned',
    apiOn: (url: string) => `API: ${url}`,
    apiOff: 'API off',
    apiTaken: (port: number) => `API stopped: port ${port} in use`,
    attention: '⚠ Needs a look in Settings',
  },
} as const;

export interface TrayActions {
  runNow(task: TaskId): void;
  openOutputFolder(): void;
  /** Opens one generated file, by name, with the system's app. */
  openFile(name: string): void;
  /** `true` pauses the scheduler, `false` resumes it. */
  setPaused(paused: boolean): void;
  openSettings(): void;
  quit(): void;
}

/** `2026-01-31T21:02:02.863+01:00` → `2026-01-31 21:02` (already local: no time-zone arithmetic). */
function localMinute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** The soonest planned run among enabled tasks, or null. */
export function nextRun(status: SchedulerStatus): { task: TaskId; at: string } | null {
  let best: { task: TaskId; at: string; ms: number } | null = null;
  for (const task of status.tasks) {
    if (!task.enabled || !task.next_run_at) continue;
    const ms = Date.parse(task.next_run_at);
    if (Number.isNaN(ms)) continue;
    if (!best || ms < best.ms) best = { task: task.name, at: task.next_run_at, ms };
  }
  return best ? { task: best.task, at: best.at } : null;
}

/**
 * Tooltip: the app's state and its next run, or the import or sync in progress. Kept short (Windows
 * cuts tooltips at 127 chars).
 */
export function trayTooltip(status: SchedulerStatus | null, lang: Lang = 'fr', importing: ImportProgressView | null = null): string {
  const t = TEXT[lang];
  if (importing) {
    const name = importing.file.split(/[\\/]/).pop()!.slice(0, 60);
    const share = importing.total ? Math.floor((100 * importing.done) / importing.total) : null;
    const percent = share === null ? '' : lang === 'fr' ? ` ${share} %` : ` ${share}%`;
    const how = importing.cancelling ? ` (${t.cancelling})` : percent;
    return `AIME Scheduler — ${importing.kind === 'sync' ? t.syncing : t.importing} ${name}${how}`;
  }
  if (!status) return `AIME Scheduler — ${t.starting}`;
  // The badge: settings recovered or a collection found missing stays visible until resolved.
  if (status.warnings.length > 0) return `AIME Scheduler — ${t.attention}`;
  if (!status.running) return `AIME Scheduler — ${t.paused}`;
  const next = nextRun(status);
  if (!next) return `AIME Scheduler — ${t.none}`;
  return `AIME Scheduler — ${t.next}: ${TASKS[next.task].label[lang]} ${localMinute(next.at)}`;
}

/** Where the REST API answers, that it is off, or that its port is taken (the app runs on without it). */
export function apiLabel(api: ApiState, lang: Lang = 'fr'): string {
  const t = TEXT[lang];
  if (api.url) return t.apiOn(api.url);
  return api.enabled ? t.apiTaken(api.port) : t.apiOff;
}

/**
 * The tray menu for a status (null while the core starts: only Settings and Quit work).
 * A running task cannot be started again (the core would refuse it anyway).
 */
/** The newest haiku file and the newest export (Markdown or JSON), by name; null when there is none. */
export interface LatestFiles {
  haiku: string | null;
  export: string | null;
}

const NO_FILES: LatestFiles = { haiku: null, export: null };

export function buildTrayMenu(
  status: SchedulerStatus | null,
  actions: TrayActions,
  lang: Lang = 'fr',
  api: ApiState | null = null,
  latest: LatestFiles = NO_FILES,
): MenuItemConstructorOptions[] {
  const open = (name: string | null) => () => {
    if (name) actions.openFile(name);
  };
  const t = TEXT[lang];
  const apiItems: MenuItemConstructorOptions[] = api ? [{ id: 'api', label: apiLabel(api, lang), enabled: false }] : [];
  const ready = status !== null;
  const header = !status ? t.starting : status.running ? t.running : t.paused;
  const taskItems = TASK_IDS.map((id): MenuItemConstructorOptions => {
    const running = status?.tasks.find((task) => task.name === id)?.running ?? false;
    return {
      id: `run:${id}`,
      label: `${TASKS[id].label[lang]}${running ? ` (${t.inProgress})` : ''}`,
      enabled: ready && !running,
      click: () => actions.runNow(id),
    };
  });
  const attention: MenuItemConstructorOptions[] =
    status && status.warnings.length > 0 ? [{ id: 'attention', label: t.attention, click: () => actions.openSettings() }] : [];
  return [
    ...attention,
    { id: 'status', label: header, enabled: false },
    ...apiItems,
    { type: 'separator' },
    { id: 'run-now', label: t.runNow, submenu: taskItems },
    { id: 'open-output', label: t.openOutput, enabled: ready, click: () => actions.openOutputFolder() },
    { id: 'open-latest-haiku', label: t.latestHaiku, enabled: ready && latest.haiku !== null, click: open(latest.haiku) },
    { id: 'open-latest-export', label: t.latestExport, enabled: ready && latest.export !== null, click: open(latest.export) },
    {
      id: 'pause',
      label: status?.running === false ? t.resume : t.pause,
      enabled: ready,
      click: () => actions.setPaused(status?.running !== false),
    },
    { type: 'separator' },
    { id: 'settings', label: t.settings, click: () => actions.openSettings() },
    { id: 'quit', label: t.quit, click: () => actions.quit() },
  ];
}

/**
 * Actions wired to the core. Errors (e.g. "already running") are logged and reported
 * through `report`, never thrown into Electron's menu code.
 */
export function trayActions(
  api: Pick<AimeApi, 'runNow' | 'openOutputFolder' | 'openFile' | 'setSchedulerEnabled'>,
  options: { openSettings: () => void; quit: () => void; log: Logger; report: (message: string) => void },
): TrayActions & { pending: Set<Promise<unknown>> } {
  const pending = new Set<Promise<unknown>>();
  const track = (what: string, work: Promise<unknown>) => {
    const done = work
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        options.log.warn(`Tray: ${what} failed: ${message}`);
        options.report(message);
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  return {
    pending,
    runNow: (task) => track(`run ${task}`, api.runNow(task, 'tray')),
    openOutputFolder: () => track('open output folder', api.openOutputFolder()),
    openFile: (name) => track(`open ${name}`, api.openFile(name)),
    setPaused: (paused) => track(paused ? 'pause' : 'resume', api.setSchedulerEnabled(!paused)),
    openSettings: () => options.openSettings(),
    quit: () => options.quit(),
  };
}

export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  Tray: new (icon: string) => TrayPort;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown };
  iconPath: string;
  actions: TrayActions;
  lang: Lang;
  /** Left click (Windows, most Linux panels): open the window. */
  onClick: () => void;
}

export interface TrayController {
  /** Rebuilds the menu and tooltip for a new status (and the newest files, when given). */
  update(status: SchedulerStatus | null, latest?: LatestFiles): void;
  /** Shows the import in progress in the tooltip (null: back to the next run). */
  setImport(importing: ImportProgressView | null): void;
  /** Rebuilds the menu for a new state of the REST API. */
  setApi(api: ApiState): void;
  /** The last template built (for the smoke test and diagnostics). */
  template(): MenuItemConstructorOptions[];
  destroy(): void;
}

/** Creates the one Tray of the app. The controller holds the reference so it is never collected. */
export function createTray(deps: TrayDeps): TrayController {
  const tray = new deps.Tray(deps.iconPath);
  let last: MenuItemConstructorOptions[] = [];
  let lastStatus: SchedulerStatus | null = null;
  let importing: ImportProgressView | null = null;
  let tooltip = '';
  let api: ApiState | null = null;
  tray.on('click', deps.onClick);
  const showTooltip = (): void => {
    const text = trayTooltip(lastStatus, deps.lang, importing);
    // Progress comes ten times a second: only a changed text reaches the OS.
    if (text !== tooltip) tray.setToolTip((tooltip = text));
  };
  let lastLatest: LatestFiles | undefined;
  const update = (status: SchedulerStatus | null, latest?: LatestFiles) => {
    lastStatus = status;
    if (latest) lastLatest = latest;
    last = buildTrayMenu(status, deps.actions, deps.lang, api, lastLatest);
    tray.setContextMenu(deps.Menu.buildFromTemplate(last));
    showTooltip();
  };
  update(null);
  return {
    update,
    setImport(view) {
      importing = view;
      showTooltip();
    },
    setApi(state) {
      api = state;
      update(lastStatus);
    },
    template: () => last,
    destroy: () => tray.destroy(),
  };
}
