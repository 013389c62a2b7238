/**
 * `GET /api/v1/openapi.json`: generated from the schemas that validate the input (shared/) and the
 * response schemas (response-schemas.ts), so the document cannot describe a different API than the
 * one that runs.
 */
import { z } from 'zod';
import { taskConfigSchema, taskPatchSchema } from '../../../shared/config.js';
import { euriaPatchSchema, importRequestSchema } from '../../../shared/schemas.js';
import { TASK_IDS } from '../../../shared/tasks.js';
import * as responses from './response-schemas.js';
import { configPatchSchema, SCHEDULER_PREFIX } from './routes.js';
import { MAX_BODY_BYTES } from './security.js';

type Json = Record<string, unknown>;

const REQUESTS = {
  ConfigPatch: configPatchSchema,
  TaskPatch: taskPatchSchema,
  ImportRequest: importRequestSchema,
  EuriaPatch: euriaPatchSchema,
} as const;

const RESPONSES = {
  SchedulerConfig: responses.schedulerConfigViewSchema,
  TaskConfig: taskConfigSchema,
  MaxFilesPerType: responses.maxFilesAnswerSchema,
  RunRecord: responses.runRecordSchema,
  RunResult: responses.runResultSchema,
  SchedulerStatus: responses.schedulerStatusSchema,
  GeneratedFiles: responses.generatedFilesSchema,
  ImportSummary: responses.importSummarySchema,
  CollectionStats: responses.collectionStatsSchema,
  EuriaSettings: responses.euriaViewSchema,
  EuriaTestResult: responses.euriaTestResultSchema,
  OpenOutputAnswer: responses.openOutputAnswerSchema,
  Error: responses.errorBodySchema,
  AimeEvent: responses.aimeEventSchema,
} as const;

/** JSON Schemas of a named set, cross-referenced through `#/components/schemas/<name>`. */
function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _drop, $id: _id, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

const ref = (name: keyof typeof RESPONSES | keyof typeof REQUESTS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof RESPONSES, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const error = (description: string) => json('Error', description);
const body = (name: keyof typeof REQUESTS, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema: ref(name), example } },
});
const common = {
  '403': error('Host is not a loopback name of this server, or the Origin is not its own'),
  '413': error(`Body larger than ${MAX_BODY_BYTES} bytes`),
};
const taskParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', enum: [...TASK_IDS] },
});

function paths(): Json {
  const p = SCHEDULER_PREFIX;
  return {
    [`${p}/config`]: {
      get: { summary: 'The scheduler configuration (the seed’s shape)', responses: { '200': json('SchedulerConfig', 'Current configuration'), ...common } },
      patch: {
        summary: 'Change max_files_per_type (query, as in the seed) or any global setting (JSON body)',
        parameters: [
          {
            name: 'max_files_per_type',
            in: 'query',
            required: false,
            description: 'A whole number 1–50. When given, the answer is {"max_files_per_type": N}.',
            schema: { type: 'integer', minimum: 1, maximum: 50 },
          },
        ],
        requestBody: { ...body('ConfigPatch', { output_dir: '/home/me/Exports', catch_up_missed_runs: false }), required: false },
        responses: {
          '200': {
            description: '{"max_files_per_type": N} for the query form; the whole configuration for the body form',
            content: { 'application/json': { schema: { oneOf: [ref('MaxFilesPerType'), ref('SchedulerConfig')] } } },
          },
          '422': error('Missing or invalid value; nothing was changed'),
          ...common,
        },
      },
    },
    [`${p}/trigger/{task}`]: {
      post: {
        summary: 'Run a task now; answers once its file is written',
        parameters: [
          taskParam('task'),
          {
            name: 'trigger',
            in: 'query',
            required: false,
            description: 'Recorded in the run history: "api" (default) or "manual" (a click in the settings page)',
            schema: { type: 'string', enum: ['api', 'manual'] },
          },
        ],
        responses: {
          '200': json('RunResult', 'status "completed" (file written) or "skipped" (e.g. empty collection)'),
          '404': error('Unknown task; the message and `valid` list the task names'),
          '409': error('The task is already running'),
          '500': json('RunResult', 'The run failed: status "failed" and `error`'),
          ...common,
        },
      },
    },
    [`${p}/status`]: {
      get: { summary: 'Scheduler on/off, and per task its next run, last run and whether it runs now', responses: { '200': json('SchedulerStatus', 'Status'), ...common } },
    },
    [`${p}/start`]: {
      post: { summary: 'Start the scheduler (persisted)', responses: { '200': json('SchedulerStatus', 'Status after the change'), ...common } },
    },
    [`${p}/stop`]: {
      post: { summary: 'Stop the scheduler (persisted); manual triggers still work', responses: { '200': json('SchedulerStatus', 'Status after the change'), ...common } },
    },
    [`${p}/tasks/{name}`]: {
      patch: {
        summary: 'Change a task’s schedule; timers are re-armed at once',
        parameters: [taskParam('name')],
        requestBody: body('TaskPatch', { time: '07:30', unit: 'week', day: 'sunday' }),
        responses: {
          '200': json('TaskConfig', 'The task after the change'),
          '404': error('Unknown task'),
          '422': error('Invalid value or JSON; nothing was changed'),
          ...common,
        },
      },
    },
    [`${p}/history`]: {
      get: {
        summary: 'Recent runs, newest first',
        parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } }],
        responses: {
          '200': { description: 'Runs', content: { 'application/json': { schema: { type: 'array', items: ref('RunRecord') } } } },
          '422': error('limit is not a whole number 1–1000'),
          ...common,
        },
      },
    },
    [`${p}/files`]: {
      get: { summary: 'Generated files per type (name, size, time)', responses: { '200': json('GeneratedFiles', 'Files in the output folder'), ...common } },
    },
    [`${p}/import`]: {
      post: {
        summary: 'Import a collection file on this machine (AIME musique.db, Discogs CSV, this app’s JSON) or the demo collection',
        requestBody: body('ImportRequest', { path: '/home/me/musique.db' }),
        responses: {
          '200': json('ImportSummary', 'What was imported'),
          '404': error('No such file'),
          '422': error('Unreadable file or bad row (named in the message); nothing was imported'),
          ...common,
        },
      },
    },
    [`${p}/collection`]: {
      get: { summary: 'Collection counts and last import', responses: { '200': json('CollectionStats', 'Counts'), ...common } },
    },
    [`${p}/euria`]: {
      get: { summary: 'EurIA (haiku LLM) settings, without the key', responses: { '200': json('EuriaSettings', 'Settings'), ...common } },
      patch: {
        summary: 'Change EurIA settings; api_key is write-only ("" removes it)',
        requestBody: body('EuriaPatch', { model: 'qwen3' }),
        responses: { '200': json('EuriaSettings', 'Settings after the change'), '422': error('Invalid value'), ...common },
      },
    },
    [`${p}/euria/test`]: {
      post: { summary: 'Ask EurIA for one haiku to check the settings', responses: { '200': json('EuriaTestResult', 'ok and the reply, or the reason it failed'), ...common } },
    },
    [`${p}/open-output`]: {
      post: { summary: 'Open the output folder in the file manager of the machine running AIME', responses: { '200': json('OpenOutputAnswer', 'The folder and whether it was opened'), ...common } },
    },
    [`${p}/events`]: {
      get: {
        summary: 'Server-sent events: `event: <type>` and `data: <AimeEvent as JSON>`; a `: ping` comment every 15 s',
        responses: {
          '200': {
            description: 'An endless text/event-stream',
            content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema: ref('AimeEvent') } },
          },
          ...common,
        },
      },
    },
    '/api/v1/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
    },
  };
}

let cached: Json | undefined;

export function openApiDocument(): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'AIME Scheduler',
      version: '1',
      description:
        'Local API of AIME Scheduler: scheduled haiku, Markdown and JSON exports of a music collection. ' +
        'Loopback only: requests must name 127.0.0.1, localhost or [::1] with the server’s port in Host, and ' +
        'browsers may only call it from its own origin. Errors are {"detail": message, "code": code, ...}.',
    },
    servers: [{ url: 'http://127.0.0.1:8000' }],
    paths: paths(),
    components: {
      schemas: {
        ...componentSchemas(REQUESTS, 'input'),
        ...componentSchemas(RESPONSES, 'output'),
      },
    },
  };
  return structuredClone(cached);
}
