/**
 * The one contract between the engine and every front end. The renderer only knows
 * `AimeApi`; the preload implements it over IPC, `renderer/src/api/http.ts` over HTTP + SSE,
 * and `electron/core` implements it for real (`createCore(...).api`).
 * Every method rejects with an `AimeError` (shared/errors.ts) on failure.
 */
import type { FrequencyUnit, HaikuLanguage, TaskConfig, TaskPatch, Weekday } from './config.js';
import type { OutputKind, RunTrigger, TaskId } from './tasks.js';

/** The seed's `GET …/scheduler/config` body, plus `day` and `catch_up_missed_runs`. */
export interface SchedulerConfigView {
  enabled: boolean;
  output_dir: string;
  max_files_per_type: number;
  catch_up_missed_runs: boolean;
  tasks: Array<{
    name: TaskId;
    enabled: boolean;
    frequency: number;
    unit: FrequencyUnit;
    time: string;
    day: Weekday | number | null;
    description: string;
  }>;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'skipped';

export interface RunRecord {
  id: number;
  task: TaskId;
  trigger: RunTrigger;
  /** ISO 8601 with the local offset, e.g. 2026-01-31T21:02:02.863+01:00 */
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  /** Absolute path of the file written, or null. */
  file: string | null;
  album_count: number | null;
  warnings: string[];
  error: string | null;
}

/** The seed's trigger answer, plus what the UI shows after a run. */
export interface RunResult {
  task: TaskId;
  status: Exclude<RunStatus, 'running'>;
  timestamp: string;
  file: string | null;
  album_count: number | null;
  warnings: string[];
  error?: string;
  run_id: number;
}

export interface TaskStatus {
  name: TaskId;
  enabled: boolean;
  running: boolean;
  next_run_at: string | null;
  last_run: RunRecord | null;
}

export interface SchedulerStatus {
  /** The global start/stop (settings `enabled`). */
  running: boolean;
  now: string;
  tasks: TaskStatus[];
}

export interface GeneratedFile {
  kind: OutputKind;
  name: string;
  path: string;
  size: number;
  /** Time encoded in the file name, ISO local. */
  created_at: string;
}

export interface GeneratedFiles {
  output_dir: string;
  files: Record<OutputKind, GeneratedFile[]>;
}

export const IMPORT_FORMATS = ['aime-db', 'discogs-csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportRequest = { path: string; format?: ImportFormat } | { demo: true };

export interface ImportSummary {
  format: ImportFormat | 'demo';
  file: string;
  added: number;
  updated: number;
  skipped: number;
  /** One line per skipped or updated row, naming the row and why. Capped; see `more`. */
  notes: string[];
  more: number;
  total_albums: number;
}

export interface CollectionStats {
  albums: number;
  artists: number;
  tracks: number;
  last_import: { at: string; format: string; file: string; added: number } | null;
}

/** EurIA settings as they may be shown: never the key itself. */
export interface EuriaView {
  url: string;
  model: string;
  timeout_ms: number;
  concurrency: number;
  key_configured: boolean;
  language: HaikuLanguage;
  /** Which values come from AIME_EURIA_* environment variables (they win over settings). */
  from_env: Array<'url' | 'model' | 'api_key'>;
}

export interface EuriaPatch {
  url?: string;
  model?: string;
  /** Write-only. An empty string removes the key. */
  api_key?: string;
  timeout_ms?: number;
  concurrency?: number;
  language?: HaikuLanguage;
}

export interface EuriaTestResult {
  ok: boolean;
  latency_ms: number;
  model: string;
  /** A sample reply on success, the exact reason on failure. */
  message: string;
}

export type AimeEvent =
  | { type: 'run-started'; run: RunRecord }
  | { type: 'run-finished'; run: RunRecord }
  | { type: 'config-changed'; config: SchedulerConfigView }
  | { type: 'files-changed' }
  | { type: 'collection-changed'; stats: CollectionStats };

export interface AimeApi {
  getConfig(): Promise<SchedulerConfigView>;
  setMaxFilesPerType(value: number): Promise<{ max_files_per_type: number }>;
  setOutputDir(path: string): Promise<SchedulerConfigView>;
  /** The seed's start (true) / stop (false). */
  setSchedulerEnabled(enabled: boolean): Promise<SchedulerStatus>;
  setCatchUpMissedRuns(enabled: boolean): Promise<SchedulerConfigView>;
  updateTask(name: TaskId, patch: TaskPatch): Promise<TaskConfig>;
  runNow(task: TaskId, trigger?: RunTrigger): Promise<RunResult>;
  status(): Promise<SchedulerStatus>;
  history(limit?: number): Promise<RunRecord[]>;
  listFiles(): Promise<GeneratedFiles>;
  importCollection(request: ImportRequest): Promise<ImportSummary>;
  collectionStats(): Promise<CollectionStats>;
  getEuria(): Promise<EuriaView>;
  updateEuria(patch: EuriaPatch): Promise<EuriaView>;
  testEuria(): Promise<EuriaTestResult>;
  /** Opens the output folder in the OS file manager (where the engine runs). */
  openOutputFolder(): Promise<{ path: string; opened: boolean }>;
  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: AimeEvent) => void): () => void;
}

/** Method names, for the IPC and HTTP wrappers that are typed from this interface. */
export type AimeMethod = Exclude<keyof AimeApi, 'subscribe'>;
export const AIME_METHODS = [
  'getConfig',
  'setMaxFilesPerType',
  'setOutputDir',
  'setSchedulerEnabled',
  'setCatchUpMissedRuns',
  'updateTask',
  'runNow',
  'status',
  'history',
  'listFiles',
  'importCollection',
  'collectionStats',
  'getEuria',
  'updateEuria',
  'testEuria',
  'openOutputFolder',
] as const satisfies readonly AimeMethod[];
