/**
 * The settings a person can name on the command line (`config get|set KEY`). Kept apart from
 * config-set.ts so that `--help` can list them without loading the validation schemas.
 */
export const TASK_FIELDS = ['enabled', 'time', 'frequency', 'unit', 'day', 'description'] as const;
export const EURIA_FIELDS = ['url', 'model', 'api_key', 'timeout_ms', 'concurrency'] as const;
/** The application's own preferences (getApplication / updateApplication). */
export const DESKTOP_FIELDS = ['start_at_login', 'notify_on_success', 'notify_on_failure'] as const;
export const API_FIELDS = ['enabled', 'port'] as const;

export const CONFIG_KEYS = [
  'enabled',
  'output_dir',
  'max_files_per_type',
  'catch_up_missed_runs',
  ...TASK_FIELDS.map((f) => `tasks.<task>.${f}`),
  ...EURIA_FIELDS.map((f) => `euria.${f}`),
  'haiku.language',
  ...DESKTOP_FIELDS.map((f) => `desktop.${f}`),
  ...API_FIELDS.map((f) => `api.${f}`),
];
