/**
 * The settings a person can name on the command line (`config get|set KEY`). Kept apart from
 * config-set.ts so that `--help` can list them without loading the validation schemas.
 */
export const TASK_FIELDS = ['enabled', 'time', 'frequency', 'unit', 'day', 'description'] as const;
export const EURIA_FIELDS = ['url', 'model', 'api_key', 'timeout_ms', 'concurrency'] as const;

export const CONFIG_KEYS = [
  'enabled',
  'output_dir',
  'max_files_per_type',
  'catch_up_missed_runs',
  ...TASK_FIELDS.map((f) => `tasks.<task>.${f}`),
  ...EURIA_FIELDS.map((f) => `euria.${f}`),
  'haiku.language',
];
