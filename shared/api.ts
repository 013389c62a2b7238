/**
 * The shapes that cross every door (REST, IPC, CLI, events), as zod schemas with their types
 * inferred from them: the schema is the one definition, so the OpenAPI document, the response
 * checks in tests and the TypeScript types cannot drift apart. Which method answers with which
 * shape is said once, in the contract table (shared/contract.ts).
 */
import * as z from './zod.js';
import { HAIKU_LANGUAGES, MAX_FILES_MAX, MAX_FILES_MIN, UNITS, WEEKDAYS } from './config.js';
import { messageRefSchema } from './messages/schema.js';
import { OUTPUT_KINDS, RUN_KINDS, RUN_TRIGGERS, TASK_IDS } from './tasks.js';

const taskId = z.enum(TASK_IDS);
const isoTime = z.string().describe('ISO 8601 local time with its offset, e.g. 2026-01-31T21:02:02.863+01:00');

/** The seed's `GET …/scheduler/config` body, plus `day` and `catch_up_missed_runs`. */
export const schedulerConfigViewSchema = z.object({
  enabled: z.boolean(),
  output_dir: z.string(),
  max_files_per_type: z.number().int().min(MAX_FILES_MIN).max(MAX_FILES_MAX),
  catch_up_missed_runs: z.boolean(),
  tasks: z.array(
    z.object({
      name: taskId,
      enabled: z.boolean(),
      frequency: z.number().int().min(1),
      unit: z.enum(UNITS),
      time: z.string(),
      day: z.union([z.enum(WEEKDAYS), z.number().int(), z.null()]),
      description: z.string(),
    }),
  ),
});
export type SchedulerConfigView = z.infer<typeof schedulerConfigViewSchema>;

/** The seed's answer to `PATCH …/config?max_files_per_type=N`. */
export const maxFilesAnswerSchema = z.object({ max_files_per_type: z.number().int().min(MAX_FILES_MIN).max(MAX_FILES_MAX) });

/** `cancelled`: stopped at the user's request and rolled back (a sync, an import), nothing changed. */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'skipped', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const runRecordSchema = z.object({
  id: z.number().int(),
  /** The task, or `import_collection` for a one-shot import (which is not a task: it cannot be triggered). */
  task: z.enum(RUN_KINDS),
  trigger: z.enum(RUN_TRIGGERS),
  started_at: isoTime,
  finished_at: isoTime.nullable(),
  status: z.enum(RUN_STATUSES),
  /** Absolute path of the file written (an import: the file read; a dropped file: its name), or null. */
  file: z.string().nullable(),
  /** Albums written (an import: albums added). */
  album_count: z.number().int().nullable(),
  /** An import's notes (rows skipped or updated) go here. */
  warnings: z.array(z.string()),
  error: z.string().nullable(),
  /** `error` (why it failed or was skipped) as a code plus parameters, for each door to say in its language. */
  text: messageRefSchema.nullable(),
  /** `warnings` as codes plus parameters, same order. */
  warning_texts: z.array(messageRefSchema),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** `history`: recent runs, newest first. */
export const runHistorySchema = z.array(runRecordSchema);

/** The seed's trigger answer (`task`, `status`, `timestamp` first, in that order), plus what the UI shows. */
export const runResultSchema = z.object({
  task: taskId,
  status: z.enum(['completed', 'failed', 'skipped', 'cancelled']),
  timestamp: isoTime,
  file: z.string().nullable(),
  album_count: z.number().int().nullable(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
  run_id: z.number().int(),
  /** `error` as a code plus parameters (see runRecordSchema). */
  text: messageRefSchema.optional(),
  warning_texts: z.array(messageRefSchema),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const taskStatusSchema = z.object({
  name: taskId,
  enabled: z.boolean(),
  running: z.boolean(),
  next_run_at: isoTime.nullable(),
  last_run: runRecordSchema.nullable(),
});
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const schedulerStatusSchema = z.object({
  /** The global start/stop (settings `enabled`). */
  running: z.boolean(),
  now: isoTime,
  tasks: z.array(taskStatusSchema),
  /** What the person should know, one line each: settings recovered field by field, a collection found missing. */
  warnings: z.array(z.string()),
  /** `warnings` as codes plus parameters, same order, for each door to say in its reader's language. */
  warning_texts: z.array(messageRefSchema),
  /** True while some settings come from the last-good copy or defaults: retention deletes nothing until a save. */
  settings_recovered: z.boolean(),
  /** Log writes that failed (full disk, closed stderr) since this host started; they are counted, never fatal. */
  log_failures: z.number().int().min(0),
});
export type SchedulerStatus = z.infer<typeof schedulerStatusSchema>;

export const generatedFileSchema = z.object({
  kind: z.enum(OUTPUT_KINDS),
  name: z.string(),
  path: z.string(),
  size: z.number().int().min(0),
  /** Time encoded in the file name, ISO local. */
  created_at: isoTime,
});
export type GeneratedFile = z.infer<typeof generatedFileSchema>;

/**
 * Why the output folder cannot be used, so the window can say so on the folder field (and the
 * tasks why they cannot run) instead of failing to load: the path is a file (or under one),
 * is not ours to read or write, or cannot be read for another reason.
 */
export const OUTPUT_FOLDER_PROBLEMS = ['not_a_folder', 'no_access', 'unreadable'] as const;
export type OutputFolderProblem = (typeof OUTPUT_FOLDER_PROBLEMS)[number];

export const generatedFilesSchema = z.object({
  output_dir: z.string(),
  files: z.object({
    haiku: z.array(generatedFileSchema),
    markdown: z.array(generatedFileSchema),
    json: z.array(generatedFileSchema),
  }),
  /** Present when the folder cannot be listed; the lists are then empty. */
  problem: z.enum(OUTPUT_FOLDER_PROBLEMS).optional(),
});
export type GeneratedFiles = z.infer<typeof generatedFilesSchema>;

export const IMPORT_FORMATS = ['aime-db', 'discogs-csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const importSummarySchema = z.object({
  format: z.enum([...IMPORT_FORMATS, 'demo']),
  file: z.string(),
  added: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** One line per skipped or updated row, naming the row and why. Capped; see `more`. */
  notes: z.array(z.string()),
  /** `notes` as codes plus parameters, same order. */
  note_texts: z.array(messageRefSchema),
  more: z.number().int(),
  total_albums: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const collectionStatsSchema = z.object({
  albums: z.number().int(),
  artists: z.number().int(),
  tracks: z.number().int(),
  last_import: z.object({ at: z.string(), format: z.string(), file: z.string(), added: z.number().int() }).nullable(),
});
export type CollectionStats = z.infer<typeof collectionStatsSchema>;

export const euriaViewSchema = z
  .object({
    url: z.string(),
    model: z.string(),
    timeout_ms: z.number().int(),
    concurrency: z.number().int(),
    key_configured: z.boolean(),
    language: z.enum(HAIKU_LANGUAGES),
    /** Which values come from AIME_EURIA_* environment variables (they win over settings). */
    from_env: z.array(z.enum(['url', 'model', 'api_key'])),
  })
  .describe('EurIA settings as shown: the key itself never leaves the engine.');
export type EuriaView = z.infer<typeof euriaViewSchema>;

export const euriaTestResultSchema = z.object({
  ok: z.boolean(),
  latency_ms: z.number(),
  model: z.string(),
  /** A sample reply on success, the exact reason on failure. */
  message: z.string(),
  /** On failure, the reason in plain words as a code plus parameters (the window shows it in its language). */
  text: messageRefSchema.optional(),
});
export type EuriaTestResult = z.infer<typeof euriaTestResultSchema>;

export const openOutputAnswerSchema = z.object({ path: z.string(), opened: z.boolean() });

/** What the host's REST API is doing: where it answers, or why not (port taken), or that it is off. */
export const apiStateSchema = z.object({
  /** Whether the API should be served (api.enabled, or `aime serve`). */
  enabled: z.boolean(),
  /** The port asked for. */
  port: z.number().int(),
  /** Where it answers, e.g. http://127.0.0.1:8000; null when not serving (or no host runs). */
  url: z.string().nullable(),
  /** Why it is not serving although enabled (port taken…), else null. */
  problem: z.string().nullable(),
});
export type ApiState = z.infer<typeof apiStateSchema>;

/** The application's own preferences (start at login, notifications) and its REST API. */
export const applicationViewSchema = z.object({
  desktop: z.object({ start_at_login: z.boolean(), notify_on_success: z.boolean(), notify_on_failure: z.boolean() }),
  api: apiStateSchema,
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

/**
 * The import or linked source's sync running in the background (in a worker thread): which file
 * (or `discogs:USERNAME`), which phase, how far. An import's `reading` counts the file's bytes,
 * a sync's the albums read from its source; `writing` counts the albums written in the one
 * transaction.
 */
export const importProgressSchema = z.object({
  kind: z.enum(['import', 'sync']),
  file: z.string(),
  /** The import's format, or the synced source's kind. */
  format: z.string(),
  started_at: isoTime,
  phase: z.enum(['reading', 'writing']),
  done: z.number().int().nonnegative(),
  /** What `done` goes up to; null when not known in advance. */
  total: z.number().int().nonnegative().nullable(),
  /** A cancel was asked: it stops at its next check and rolls back. */
  cancelling: z.boolean(),
});
export type ImportProgressView = z.infer<typeof importProgressSchema>;

/** `currentImport`'s answer: the import in progress, or null. */
export const currentImportSchema = importProgressSchema.nullable();

/** `cancelImport`'s (and `cancelSync`'s) answer: whether one was running and was asked to stop. */
export const cancelImportAnswerSchema = z.object({ cancelled: z.boolean() });

/**
 * The exact name of a file a task wrote (`generate-haiku-20260131-210202.md`, …): the only
 * names the window may open or read. Anything else, a path or `..` included, is refused.
 */
export const OUTPUT_FILE_NAME = /^(?:(?:generate-haiku|export-markdown)-\d{8}-\d{6}(?:-\d+)?\.md|export-json-\d{8}-\d{6}(?:-\d+)?\.json)$/;
export const outputFileNameSchema = z.string().regex(OUTPUT_FILE_NAME, 'must be the exact name of a generated file');

/** A generated file's text, for the read-only viewer of the web page. */
export const fileContentSchema = z.object({ name: z.string(), kind: z.enum(['haiku', 'markdown', 'json']), text: z.string() });
export type FileContent = z.infer<typeof fileContentSchema>;

/** The newest haiku file as the window shows it: its albums, their haikus, fallbacks marked. */
export const haikuPreviewSchema = z
  .object({
    name: z.string(),
    generated_at: z.string(),
    haikus: z.array(
      z.object({
        /** "Title - Artist", as the file's heading has it (without the Markdown escapes). */
        album: z.string(),
        lines: z.array(z.string()),
        /** Why a local haiku was written instead of EurIA's, as the file says; null for EurIA's. */
        fallback: z.string().nullable(),
        /** The same as a code plus parameters, so the window says it in its language; null when not read back. */
        fallback_text: messageRefSchema.nullable(),
      }),
    ),
  })
  .nullable();
export type HaikuPreview = z.infer<typeof haikuPreviewSchema>;

/**
 * Live events. The SSE stream sends each as `event: <type>` and `data: <the whole event as JSON>`;
 * IPC sends the object itself.
 */
export const aimeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), run: runRecordSchema }),
  z.object({ type: z.literal('run-finished'), run: runRecordSchema }),
  z.object({ type: z.literal('config-changed'), config: schedulerConfigViewSchema }),
  z.object({ type: z.literal('files-changed') }),
  z.object({ type: z.literal('collection-changed'), stats: collectionStatsSchema }),
  /** Progress of the background import; `import: null` once it ended (done, failed or cancelled). */
  z.object({ type: z.literal('import-progress'), import: importProgressSchema.nullable() }),
]);
export type AimeEvent = z.infer<typeof aimeEventSchema>;
export type AimeEventType = AimeEvent['type'];
export const EVENT_TYPES: readonly AimeEventType[] = aimeEventSchema.options.map((o) => o.shape.type.value);
