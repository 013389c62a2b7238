/**
 * The window's picture of the engine, and how each answer or live event changes it. Pure:
 * the hook in use-aime-state.ts feeds it; the tests feed it directly.
 */
import type { AimeEvent, CollectionStats, EuriaView, GeneratedFiles, ImportProgressView, RunRecord, SchedulerConfigView, SchedulerStatus } from '../../../shared/api.js';

export const HISTORY_LIMIT = 20;

export interface AimeState {
  config: SchedulerConfigView | null;
  status: SchedulerStatus | null;
  history: RunRecord[];
  files: GeneratedFiles | null;
  collection: CollectionStats | null;
  euria: EuriaView | null;
  /** The background import in progress (from `import-progress` events), or null. */
  importing: ImportProgressView | null;
}

export const initialState: AimeState = {
  config: null,
  status: null,
  history: [],
  files: null,
  collection: null,
  euria: null,
  importing: null,
};

export type AimeAction =
  | { type: 'loaded'; state: AimeState }
  | { type: 'config'; config: SchedulerConfigView }
  | { type: 'status'; status: SchedulerStatus }
  | { type: 'history'; runs: RunRecord[] }
  | { type: 'files'; files: GeneratedFiles }
  | { type: 'collection'; stats: CollectionStats }
  | { type: 'euria'; euria: EuriaView }
  | { type: 'event'; event: AimeEvent };

/** Newest first (highest id), one entry per run, at most HISTORY_LIMIT. */
export function upsertRun(history: readonly RunRecord[], run: RunRecord): RunRecord[] {
  const rest = history.filter((r) => r.id !== run.id);
  return [run, ...rest].sort((a, b) => b.id - a.id).slice(0, HISTORY_LIMIT);
}

function withRun(status: SchedulerStatus | null, run: RunRecord): SchedulerStatus | null {
  if (!status) return status;
  const running = run.status === 'running';
  return {
    ...status,
    tasks: status.tasks.map((task) => {
      if (task.name !== run.task) return task;
      // A late "started" must not hide a newer finished run.
      if (running && task.last_run && task.last_run.id > run.id) return task;
      return running ? { ...task, running: true } : { ...task, running: false, last_run: run };
    }),
  };
}

function withConfig(status: SchedulerStatus | null, config: SchedulerConfigView): SchedulerStatus | null {
  if (!status) return status;
  return {
    ...status,
    running: config.enabled,
    tasks: status.tasks.map((task) => {
      const configured = config.tasks.find((t) => t.name === task.name);
      return configured ? { ...task, enabled: configured.enabled } : task;
    }),
  };
}

export function reduce(state: AimeState, action: AimeAction): AimeState {
  switch (action.type) {
    case 'loaded':
      return { ...action.state, history: [...action.state.history].sort((a, b) => b.id - a.id) };
    case 'config':
      return { ...state, config: action.config, status: withConfig(state.status, action.config) };
    case 'status':
      return { ...state, status: action.status, config: state.config && { ...state.config, enabled: action.status.running } };
    case 'history':
      return { ...state, history: [...action.runs].sort((a, b) => b.id - a.id).slice(0, HISTORY_LIMIT) };
    case 'files':
      return { ...state, files: action.files };
    case 'collection':
      return { ...state, collection: action.stats };
    case 'euria':
      return { ...state, euria: action.euria };
    case 'event':
      return reduceEvent(state, action.event);
  }
}

function reduceEvent(state: AimeState, event: AimeEvent): AimeState {
  switch (event.type) {
    case 'run-started':
    case 'run-finished':
      return { ...state, status: withRun(state.status, event.run), history: upsertRun(state.history, event.run) };
    case 'config-changed':
      return reduce(state, { type: 'config', config: event.config });
    case 'collection-changed':
      return { ...state, collection: event.stats };
    case 'files-changed':
      return state;
    case 'import-progress':
      return { ...state, importing: event.import };
  }
}

export type Refresh = 'status' | 'files' | 'history' | 'collection';
/** Everything the window loads that events refresh. */
export const ALL_REFRESHES: readonly Refresh[] = ['status', 'files', 'history', 'collection'];

/**
 * What an event does not carry and must be asked for: next run times move after a run or a
 * config change; the file list after files change. (A reload on change, never a poll.)
 * An event that changes the status or the history also asks for them again: an answer to a
 * request sent before the event may arrive after it, and only the latest request's answer is
 * applied (use-aime-state.ts), so the window never goes back to what was true before the event.
 */
export function refreshesAfter(event: AimeEvent): Refresh[] {
  switch (event.type) {
    case 'run-started':
    case 'run-finished':
      return ['status', 'history'];
    case 'config-changed':
      // The output folder may have moved: its file list too. The HTTP transport also sends
      // this after its event stream reconnects, when anything may have happened meanwhile.
      return [...ALL_REFRESHES];
    case 'files-changed':
      return ['files'];
    case 'collection-changed':
    case 'import-progress':
      return [];
  }
}
