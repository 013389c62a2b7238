/**
 * The shapes the REST API answers with, as zod schemas so the OpenAPI document is generated
 * rather than written by hand. Each one `satisfies` its type in shared/api.ts, so the compiler
 * flags a document that drifts from the contract; the API tests validate real answers against them.
 */
import { z } from 'zod';
import { IMPORT_FORMATS } from '../../../shared/api.js';
import type {
  AimeEvent,
  CollectionStats,
  EuriaTestResult,
  EuriaView,
  GeneratedFile,
  GeneratedFiles,
  ImportSummary,
  RunRecord,
  RunResult,
  SchedulerConfigView,
  SchedulerStatus,
  TaskStatus,
} from '../../../shared/api.js';
import { HAIKU_LANGUAGES, UNITS, WEEKDAYS } from '../../../shared/config.js';
import { RUN_TRIGGERS, TASK_IDS } from '../../../shared/tasks.js';

const taskId = z.enum(TASK_IDS);
const isoTime = z.string().describe('ISO 8601 local time with its offset, e.g. 2026-01-31T21:02:02.863+01:00');

export const schedulerConfigViewSchema = z
  .object({
    enabled: z.boolean(),
    output_dir: z.string(),
    max_files_per_type: z.number().int().min(1).max(50),
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
  }) satisfies z.ZodType<SchedulerConfigView>;

export const maxFilesAnswerSchema = z
  .object({ max_files_per_type: z.number().int().min(1).max(50) });

export const runRecordSchema = z
  .object({
    id: z.number().int(),
    task: taskId,
    trigger: z.enum(RUN_TRIGGERS),
    started_at: isoTime,
    finished_at: isoTime.nullable(),
    status: z.enum(['running', 'completed', 'failed', 'skipped']),
    file: z.string().nullable(),
    album_count: z.number().int().nullable(),
    warnings: z.array(z.string()),
    error: z.string().nullable(),
  }) satisfies z.ZodType<RunRecord>;

export const runResultSchema = z
  .object({
    task: taskId,
    status: z.enum(['completed', 'failed', 'skipped']),
    timestamp: isoTime,
    file: z.string().nullable(),
    album_count: z.number().int().nullable(),
    warnings: z.array(z.string()),
    error: z.string().optional(),
    run_id: z.number().int(),
  }) satisfies z.ZodType<RunResult>;

const taskStatusSchema = z
  .object({
    name: taskId,
    enabled: z.boolean(),
    running: z.boolean(),
    next_run_at: isoTime.nullable(),
    last_run: runRecordSchema.nullable(),
  }) satisfies z.ZodType<TaskStatus>;

export const schedulerStatusSchema = z
  .object({ running: z.boolean(), now: isoTime, tasks: z.array(taskStatusSchema) }) satisfies z.ZodType<SchedulerStatus>;

const generatedFileSchema = z.object({
  kind: z.enum(['haiku', 'markdown', 'json']),
  name: z.string(),
  path: z.string(),
  size: z.number().int().min(0),
  created_at: isoTime,
}) satisfies z.ZodType<GeneratedFile>;

export const generatedFilesSchema = z
  .object({
    output_dir: z.string(),
    files: z.object({
      haiku: z.array(generatedFileSchema),
      markdown: z.array(generatedFileSchema),
      json: z.array(generatedFileSchema),
    }),
  }) satisfies z.ZodType<GeneratedFiles>;

export const importSummarySchema = z
  .object({
    format: z.enum([...IMPORT_FORMATS, 'demo']),
    file: z.string(),
    added: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    notes: z.array(z.string()),
    more: z.number().int(),
    total_albums: z.number().int(),
  }) satisfies z.ZodType<ImportSummary>;

export const collectionStatsSchema = z
  .object({
    albums: z.number().int(),
    artists: z.number().int(),
    tracks: z.number().int(),
    last_import: z
      .object({ at: z.string(), format: z.string(), file: z.string(), added: z.number().int() })
      .nullable(),
  }) satisfies z.ZodType<CollectionStats>;

export const euriaViewSchema = z
  .object({
    url: z.string(),
    model: z.string(),
    timeout_ms: z.number().int(),
    concurrency: z.number().int(),
    key_configured: z.boolean(),
    language: z.enum(HAIKU_LANGUAGES),
    from_env: z.array(z.enum(['url', 'model', 'api_key'])),
  })
  .describe('EurIA settings as shown: the key itself never leaves the engine.') satisfies z.ZodType<EuriaView>;

export const euriaTestResultSchema = z
  .object({ ok: z.boolean(), latency_ms: z.number(), model: z.string(), message: z.string() }) satisfies z.ZodType<EuriaTestResult>;

export const openOutputAnswerSchema = z
  .object({ path: z.string(), opened: z.boolean() });

export const errorBodySchema = z
  .looseObject({
    detail: z.string().describe('What went wrong, for a person to read'),
    code: z.string().describe('invalid_input, not_found, already_running, run_failed, locked, internal, forbidden, payload_too_large'),
  });

export const aimeEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('run-started'), run: runRecordSchema }),
    z.object({ type: z.literal('run-finished'), run: runRecordSchema }),
    z.object({ type: z.literal('config-changed'), config: schedulerConfigViewSchema }),
    z.object({ type: z.literal('files-changed') }),
    z.object({ type: z.literal('collection-changed'), stats: collectionStatsSchema }),
  ]) satisfies z.ZodType<AimeEvent>;
