/**
 * The settings schema: one zod definition used by the settings store (conf in Node,
 * electron-store in Electron), the REST API, the IPC handlers and the settings window.
 * Field names follow the original AIME config (snake_case) so the seed's JSON is unchanged.
 */
import * as z from './zod.js';
import { TASK_IDS, TASKS, type TaskId } from './tasks.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const UNITS = ['hour', 'day', 'week', 'month'] as const;
export type FrequencyUnit = (typeof UNITS)[number];

export const MAX_FILES_MIN = 1;
export const MAX_FILES_MAX = 50;
export const MAX_FILES_DEFAULT = 5;

export const timeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM in 24-hour local time, e.g. "06:00"');

/**
 * A time as a person types it, in the window or on the command line: "7:30", "07h30", "7.30"
 * → "07:30". Anything else is returned trimmed, for timeSchema to refuse: both doors accept
 * exactly the same times.
 */
export function normalizeTime(text: string): string {
  const match = /^\s*(\d{1,2})\s*[:hH.]\s*(\d{2})\s*$/.exec(text);
  return match ? `${match[1]?.padStart(2, '0')}:${match[2]}` : text.trim();
}

export const maxFilesSchema = z
  .number({ error: 'max_files_per_type must be a number' })
  .int(`max_files_per_type must be a whole number between ${MAX_FILES_MIN} and ${MAX_FILES_MAX}`)
  .min(MAX_FILES_MIN, `max_files_per_type must be between ${MAX_FILES_MIN} and ${MAX_FILES_MAX}`)
  .max(MAX_FILES_MAX, `max_files_per_type must be between ${MAX_FILES_MIN} and ${MAX_FILES_MAX}`);

/** `day`: the weekday for unit `week`, the day of the month (1–31) for unit `month`, else null. */
export const daySchema = z.union([z.enum(WEEKDAYS), z.number().int().min(1).max(31), z.null()]);

const taskFields = {
  name: z.enum(TASK_IDS),
  enabled: z.boolean(),
  time: timeSchema,
  frequency: z.number().int('frequency must be a whole number').min(1, 'frequency must be at least 1').max(1000),
  unit: z.enum(UNITS),
  day: daySchema,
  description: z.string().max(500),
};

function checkDayMatchesUnit(task: { unit: FrequencyUnit; day: unknown }, ctx: z.RefinementCtx): void {
  if (task.unit === 'week' && !(typeof task.day === 'string')) {
    ctx.addIssue({ code: 'custom', path: ['day'], message: 'a weekly task needs day = a weekday, e.g. "sunday"' });
  }
  if (task.unit === 'month' && !(typeof task.day === 'number')) {
    ctx.addIssue({ code: 'custom', path: ['day'], message: 'a monthly task needs day = a day of the month, 1 to 31' });
  }
}

export const taskConfigSchema = z.object(taskFields).superRefine(checkDayMatchesUnit);
export type TaskConfig = z.infer<typeof taskConfigSchema>;

/** What a caller may change on a task (PATCH tasks/{name}, IPC updateTask, `aime config set tasks.X.Y`). */
export const taskPatchSchema = z
  .object({
    enabled: taskFields.enabled,
    time: taskFields.time,
    frequency: taskFields.frequency,
    unit: taskFields.unit,
    day: taskFields.day,
    description: taskFields.description,
  })
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof taskPatchSchema>;

export const HAIKU_LANGUAGES = ['fr', 'en'] as const;
export type HaikuLanguage = (typeof HAIKU_LANGUAGES)[number];

/** http: and https: only: a key must never be handed to file:, data:, javascript: or ftp: URLs. */
const EURIA_URL_MESSAGE = 'euria.url must be a full http(s) URL';
function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** The origin (scheme, host, port) of a URL, '' when there is none: what a secret is bound to. */
export function originOf(url: string): string {
  return isHttpUrl(url) ? new URL(url).origin : '';
}

export const EURIA_DEADLINE_DEFAULT_MS = 60_000;

export const euriaSettingsSchema = z.object({
  /** The full chat-completions URL, as the original AIME configured it. */
  url: z.string().max(2048).refine((text) => text === '' || isHttpUrl(text), EURIA_URL_MESSAGE),
  model: z.string().max(200),
  /** Secret: never leaves the settings store except towards the EurIA server. */
  api_key: z.string({ error: 'the EurIA key is not text, or could not be decrypted' }).max(4096),
  /**
   * The origin the key was entered for. The key is only ever sent there: changing the URL to
   * another origin drops it (a local program could otherwise point the URL at itself and read it).
   */
  key_origin: z.string().max(2048),
  timeout_ms: z.number().int().min(1000).max(600_000),
  concurrency: z.number().int().min(1).max(16),
  /** The haiku file is written this long after the run's start at the latest, whatever the server does. */
  deadline_ms: z.number().int().min(1000).max(3_600_000),
});
export type EuriaSettings = z.infer<typeof euriaSettingsSchema>;

export const API_PORT_DEFAULT = 8000;

/** The loopback REST API's port (the seed's 8000 by default). */
export const apiPortSchema = z
  .number({ error: 'api.port must be a number' })
  .int('api.port must be a whole number between 1 and 65535')
  .min(1, 'api.port must be between 1 and 65535')
  .max(65535, 'api.port must be between 1 and 65535');

/** Whether the desktop app serves the REST API and the settings page, and on which port. */
export const apiSettingsSchema = z.object({ enabled: z.boolean(), port: apiPortSchema });
export type ApiSettings = z.infer<typeof apiSettingsSchema>;

/** What a caller may change among the application's preferences (window, API, `aime config set`). */
export const applicationPatchSchema = z
  .object({
    desktop: z
      .object({ start_at_login: z.boolean(), notify_on_success: z.boolean(), notify_on_failure: z.boolean() })
      .partial()
      .strict(),
    api: apiSettingsSchema.partial().strict(),
  })
  .partial()
  .strict();
export type ApplicationPatch = z.infer<typeof applicationPatchSchema>;

export const settingsSchema = z.object({
  /** The seed's start/stop: false pauses every timer. */
  enabled: z.boolean(),
  /** Absolute path of the output folder. */
  output_dir: z.string().min(1),
  max_files_per_type: maxFilesSchema,
  /** Run once at start/resume what was missed while the app was closed or asleep. */
  catch_up_missed_runs: z.boolean(),
  tasks: z.array(taskConfigSchema).length(TASK_IDS.length),
  euria: euriaSettingsSchema,
  haiku: z.object({ language: z.enum(HAIKU_LANGUAGES) }),
  desktop: z.object({
    start_at_login: z.boolean(),
    notify_on_success: z.boolean(),
    notify_on_failure: z.boolean(),
    close_to_tray_notice_shown: z.boolean(),
  }),
  api: apiSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_EURIA_URL = '';
export const DEFAULT_EURIA_MODEL = 'qwen3';

export function defaultTasks(): TaskConfig[] {
  return TASK_IDS.map((id: TaskId) => ({
    name: id,
    enabled: true,
    time: TASKS[id].defaultTime,
    frequency: 1,
    unit: 'day' as const,
    day: null,
    description: TASKS[id].description,
  }));
}

/**
 * Haiku requests in flight at once. A haiku file asks for five haikus: at 5 they take one
 * request's time (1.0-1.2× in `npm run bench haiku`); at the former 3 they took two rounds
 * (≈ 2×). Five small requests at once is well within what an OpenAI-compatible API accepts.
 */
export const DEFAULT_EURIA_CONCURRENCY = 5;

export function defaultSettings(outputDir: string): Settings {
  return {
    enabled: true,
    output_dir: outputDir,
    max_files_per_type: MAX_FILES_DEFAULT,
    catch_up_missed_runs: true,
    tasks: defaultTasks(),
    euria: {
      url: DEFAULT_EURIA_URL,
      model: DEFAULT_EURIA_MODEL,
      api_key: '',
      key_origin: '',
      timeout_ms: 45_000,
      concurrency: DEFAULT_EURIA_CONCURRENCY,
      deadline_ms: EURIA_DEADLINE_DEFAULT_MS,
    },
    haiku: { language: 'fr' },
    desktop: {
      start_at_login: false,
      notify_on_success: false,
      notify_on_failure: true,
      close_to_tray_notice_shown: false,
    },
    api: { enabled: true, port: API_PORT_DEFAULT },
  };
}
