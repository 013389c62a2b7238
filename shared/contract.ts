/**
 * THE CONTRACT: every `AimeApi` method, declared once. Each entry says what the method takes
 * (a zod tuple), what it answers (a named shape from shared/api.ts), how it is reached over
 * HTTP, and whether a failure is an answer rather than an error (a run that fails).
 *
 * Everything else is derived from this table: the `AimeApi` type and the method list, the IPC
 * handlers and the preload bridge (one channel per method), the HTTP client (shared/http-client.ts,
 * one loop), the Hono routes (one generic handler per entry, electron/core/api/routes.ts), the
 * `paths` of `openapi.json`, and the response checks in the tests. A new method starts here, then
 * gets its implementation in electron/core/service.ts, then its callers; nothing else names it.
 *
 * The error codes every door shares live here too, with their HTTP status and CLI exit code.
 */
import * as z from './zod.js';
import { aimeEventSchema, applicationViewSchema, cancelImportAnswerSchema, collectionStatsSchema, currentImportSchema, euriaTestResultSchema, euriaViewSchema, fileContentSchema, generatedFilesSchema, haikuPreviewSchema, importProgressSchema, importSummarySchema, maxFilesAnswerSchema, openOutputAnswerSchema, outputFileNameSchema, runHistorySchema, runRecordSchema, runResultSchema, schedulerConfigViewSchema, schedulerStatusSchema, type AimeEvent } from './api.js';
import { applicationPatchSchema, MAX_FILES_MAX, MAX_FILES_MIN, maxFilesSchema, taskConfigSchema, taskPatchSchema } from './config.js';
import { describeIssues, euriaPatchSchema, importRequestSchema, outputDirSchema, taskIdSchema } from './schemas.js';
import {
  chosenImportSchema,
  chosenSourceSchema,
  sourceAddSchema,
  sourceIdSchema,
  sourceListSchema,
  sourceRemovedSchema,
  sourceUploadSchema,
  sourceViewSchema,
  syncAnswerSchema,
} from './sources.js';
import { english, errnoText, msg, renderMessage, type Locale, type MessageRef } from './messages/index.js';
import { RUN_TRIGGERS } from './tasks.js';

export type { MessageRef } from './messages/index.js';

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────

/**
 * Every error code a door may answer with: its HTTP status, the `aime` command's exit code, and
 * what it means. The engine throws the first six; the HTTP layer itself answers the others.
 */
export const ERROR_CODES = {
  invalid_input: { http: 422, exit: 2, meaning: 'the caller sent something wrong; nothing was changed' },
  not_found: { http: 404, exit: 2, meaning: 'unknown task, file or route' },
  already_running: { http: 409, exit: 3, meaning: 'single-flight refused a second run' },
  run_failed: { http: 500, exit: 1, meaning: 'the task ran and failed (status "failed")' },
  locked: { http: 409, exit: 3, meaning: 'another process holds the data folder' },
  internal: { http: 500, exit: 1, meaning: 'a bug or an unexpected I/O error' },
  cancelled: { http: 409, exit: 130, meaning: 'stopped at the user’s request (cancel, Ctrl-C) and rolled back: nothing changed' },
  bad_request: { http: 400, exit: 2, meaning: 'the HTTP request itself could not be read' },
  unauthorized: { http: 401, exit: 2, meaning: 'this change needs the owner’s API token (Authorization: Bearer <data>/api-token)' },
  forbidden: { http: 403, exit: 2, meaning: 'Host is not a loopback name of this server, or the Origin is not its own' },
  payload_too_large: { http: 413, exit: 2, meaning: 'the request body is larger than the API accepts' },
} as const satisfies Record<string, { http: number; exit: number; meaning: string }>;

export type AimeErrorCode = keyof typeof ERROR_CODES;

export function isAimeErrorCode(value: unknown): value is AimeErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export interface AimeErrorData {
  code: AimeErrorCode;
  message: string;
  /** Extra machine-readable facts, e.g. `{ valid: [...] }` for an unknown task. */
  details?: Record<string, unknown>;
  /** The message as a code plus parameters, where the thrower gave one. */
  text?: MessageRef;
}

/** The one error type that crosses every boundary (core → REST, core → IPC → renderer, core → CLI). */
export class AimeError extends Error {
  readonly code: AimeErrorCode;
  readonly details?: Record<string, unknown>;
  readonly text?: MessageRef;
  constructor(code: AimeErrorCode, message: string, details?: Record<string, unknown>, text?: MessageRef) {
    super(message);
    this.name = 'AimeError';
    this.code = code;
    this.details = details;
    this.text = text;
  }
  /** An error said as a message of the catalogue; `message` is its English rendering (or the exact detail, when given). */
  static said(code: AimeErrorCode, text: MessageRef, details?: Record<string, unknown>, message?: string): AimeError {
    return new AimeError(code, message ?? english(text), details, text);
  }
  toJSON(): AimeErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.text ? { text: this.text } : {}),
    };
  }
}

export function isAimeErrorData(value: unknown): value is AimeErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AimeErrorData).code === 'string' &&
    typeof (value as AimeErrorData).message === 'string'
  );
}

/** Any thrown value as transportable data; unknown errors become `internal`. */
export function toAimeErrorData(error: unknown): AimeErrorData {
  if (error instanceof AimeError) return error.toJSON();
  if (isAimeErrorData(error) && isAimeErrorCode(error.code)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The raw text (an errno, a stack's first line) is for the log and programs; people read plain words.
  return { code: 'internal', message, text: errnoText(error) ?? msg('error.internal') };
}

/**
 * What a person reads for an error, in their language: its message of the catalogue, rendered.
 * In English the thrower's own text is exact and often says more (which line of a file), so it
 * is shown instead, except for an unexpected error, whose raw detail (an errno) stays in the log.
 * Without a message of the catalogue, the thrower's English text is all there is.
 */
export function errorForPeople(error: unknown, locale: Locale): string {
  const data = toAimeErrorData(error);
  if (!data.text || (locale === 'en' && data.code !== 'internal')) return data.message;
  return renderMessage(data.text, locale);
}

/** The data back as an `AimeError` (after IPC, the context bridge or HTTP lost its class). */
export function fromAimeErrorData(data: AimeErrorData): AimeError {
  return new AimeError(data.code, data.message, data.details, data.text);
}

/** Parses with a schema or throws `AimeError('invalid_input')` naming what is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = describeIssues(result.error);
  throw new AimeError('invalid_input', what ? `${what}: ${message}` : message);
}

// ─── How arguments travel over HTTP ─────────────────────────────────────────────────────────

/** A query value as text: how it is read (with the message for bad text) and written. */
export interface QueryText<T> {
  parse(text: string, name: string): T;
  /** The text to send for a value, or undefined to leave the parameter out. */
  encode(value: T): string | undefined;
  /** Used when the parameter is absent. */
  fallback?: T;
  /** The parameter's JSON Schema in `openapi.json`. */
  schema: Record<string, unknown>;
  description?: string;
  /**
   * A request header that may give the value when the parameter is absent, limited to `values`
   * (anything else is refused): how a program says what it is without a page being able to
   * (a cross-site page cannot send a custom header past the Origin check).
   */
  header?: { name: string; values: readonly string[] };
}

/** Where one argument of a method comes from in an HTTP request. */
export type ArgSource =
  /** `{name}` in the path; a value the argument's schema refuses is a missing resource (404). */
  | { in: 'path'; name: string }
  | { in: 'query'; name: string; text: QueryText<never> }
  /** The whole JSON body, or one field of it. `example` is shown when the body is missing or wrong. */
  | { in: 'body'; field?: string; example: unknown }
  /** Fixed by the route itself (POST /start ↔ true, POST /stop ↔ false). */
  | { in: 'const'; value: unknown };

/**
 * Who may call a route over loopback, which every local user and program can reach: `open` for
 * the seed's three operations and read-only status, history and events; `owner` for everything
 * else, which needs `Authorization: Bearer <token>` (the token in `<data>/api-token`) or the
 * settings page's cookie. Enforced once, by the generic handler (and the bespoke ones).
 */
export type RouteAccess = 'open' | 'owner';

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  access: RouteAccess;
  /** Under `SCHEDULER_PREFIX`, with `{name}` for path parameters. */
  path: string;
  /** One per argument of the method, in order. */
  args: ArgSource[];
  summary: string;
  /** Errors this route may answer besides bad input, unknown path values and the loopback guards. */
  errors?: AimeErrorCode[];
  /**
   * Served by a hand-written handler because the seed's shape demands it (`PATCH /config`
   * answers `{"max_files_per_type": N}` to its query form and the whole config to a JSON body).
   * The client still calls the method through this binding; the handler documents itself.
   */
  bespoke?: true;
}

export interface MethodSpec<A extends z.ZodType<unknown[]> = z.ZodType<unknown[]>, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** The first route whose `const` arguments match is the one a client calls. */
  http: readonly [HttpRoute, ...HttpRoute[]];
  /** True when an answer is a failure that is still a result (HTTP 500 with the body, not an error). */
  failedResult?: (result: z.output<R>) => boolean;
  /**
   * The argument that says who started it (a run's trigger). Each transport sets it itself,
   * whatever the caller sent: IPC "manual" (the window may not claim "schedule"), HTTP from its
   * query or header ("api", "manual", "cli").
   */
  triggerArg?: number;
}

export const SCHEDULER_PREFIX = '/api/v1/services/scheduler';
export const EVENTS_PATH = '/events';

function wholeNumberText(min: number, max: number): QueryText<number> {
  return {
    parse(text, name) {
      const trimmed = text.trim();
      const value = Number(trimmed);
      if (!/^\d+$/.test(trimmed) || value < min || value > max) {
        throw new AimeError('invalid_input', `${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(text)})`);
      }
      return value;
    },
    encode: (value) => String(value),
    schema: { type: 'integer', minimum: min, maximum: max },
  };
}

/**
 * `max_files_per_type` as typed by a person (query string, CLI, text field): only a plain
 * whole number 1–50 is accepted; "abc", "2.5", "" and "1e1" are refused with a message.
 */
export function parseMaxFilesText(text: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new AimeError(
      'invalid_input',
      `max_files_per_type must be a whole number between ${MAX_FILES_MIN} and ${MAX_FILES_MAX} (got ${JSON.stringify(text)})`,
    );
  }
  return parseInput(maxFilesSchema, Number(trimmed));
}

const maxFilesText: QueryText<number> = {
  parse: (text) => parseMaxFilesText(text),
  encode: (value) => String(value),
  schema: { type: 'integer', minimum: MAX_FILES_MIN, maximum: MAX_FILES_MAX },
  description: `A whole number ${MAX_FILES_MIN}–${MAX_FILES_MAX}. When given, the answer is {"max_files_per_type": N}.`,
};

/**
 * Over HTTP a run is an API call, a click in the settings page (`?trigger=manual`), or the `aime`
 * command working through a running host (header `X-Aime-Trigger: cli`), for the history.
 */
const HTTP_TRIGGERS = ['api', 'manual'] as const;
export const TRIGGER_HEADER = 'X-Aime-Trigger';
const httpTriggerText: QueryText<(typeof RUN_TRIGGERS)[number]> = {
  parse(text, name) {
    if (!(HTTP_TRIGGERS as readonly string[]).includes(text)) {
      throw new AimeError('invalid_input', `${name} must be ${HTTP_TRIGGERS.join(' or ')} (got ${JSON.stringify(text)})`);
    }
    return text as (typeof HTTP_TRIGGERS)[number];
  },
  // Only a click is said in the query; the CLI says "cli" in its header; anything else is "api".
  encode: (value) => (value === 'manual' ? 'manual' : undefined),
  fallback: 'api',
  header: { name: TRIGGER_HEADER, values: ['cli'] },
  schema: { type: 'string', enum: [...HTTP_TRIGGERS] },
  description: 'Recorded in the run history: "api" (default) or "manual" (a click in the settings page)',
};

const query = <T>(name: string, text: QueryText<T>): ArgSource => ({ in: 'query', name, text: text as QueryText<never> });
const none = z.tuple([]);
const method = <A extends z.ZodType<unknown[]>, R extends z.ZodType>(spec: MethodSpec<A, R>) => spec;

// ─── The table ───────────────────────────────────────────────────────────────────────────────

export const CONTRACT = {
  getConfig: method({
    args: none,
    result: schedulerConfigViewSchema,
    http: [{ method: 'GET', access: 'open', path: '/config', args: [], summary: 'The scheduler configuration (the seed’s shape)' }],
  }),
  setMaxFilesPerType: method({
    args: z.tuple([maxFilesSchema]),
    result: maxFilesAnswerSchema,
    http: [
      {
        method: 'PATCH',
        access: 'open',
        path: '/config',
        args: [query('max_files_per_type', maxFilesText)],
        summary: 'Keep the newest N files per type (the seed’s PATCH …/config?max_files_per_type=N)',
        bespoke: true,
      },
    ],
  }),
  setOutputDir: method({
    args: z.tuple([outputDirSchema]),
    result: schedulerConfigViewSchema,
    http: [
      {
        method: 'PATCH',
        access: 'owner',
        path: '/config',
        args: [{ in: 'body', field: 'output_dir', example: '/home/me/Exports' }],
        summary: 'Write exports to another folder',
        bespoke: true,
      },
    ],
  }),
  setSchedulerEnabled: method({
    args: z.tuple([z.boolean()]),
    result: schedulerStatusSchema,
    http: [
      { method: 'POST', access: 'owner', path: '/start', args: [{ in: 'const', value: true }], summary: 'Start the scheduler (persisted)' },
      {
        method: 'POST',
        access: 'owner',
        path: '/stop',
        args: [{ in: 'const', value: false }],
        summary: 'Stop the scheduler (persisted); manual triggers still work',
      },
    ],
  }),
  setCatchUpMissedRuns: method({
    args: z.tuple([z.boolean()]),
    result: schedulerConfigViewSchema,
    http: [
      {
        method: 'PATCH',
        access: 'owner',
        path: '/config',
        args: [{ in: 'body', field: 'catch_up_missed_runs', example: false }],
        summary: 'Run a missed occurrence once at start or wake-up, or skip it',
        bespoke: true,
      },
    ],
  }),
  updateTask: method({
    args: z.tuple([taskIdSchema, taskPatchSchema]),
    result: taskConfigSchema,
    http: [
      {
        method: 'PATCH',
        access: 'owner',
        path: '/tasks/{name}',
        args: [{ in: 'path', name: 'name' }, { in: 'body', example: { time: '07:30', unit: 'week', day: 'sunday' } }],
        summary: 'Change a task’s schedule; timers are re-armed at once',
      },
    ],
  }),
  runNow: method({
    args: z.tuple([taskIdSchema, z.enum(RUN_TRIGGERS).optional()]),
    result: runResultSchema,
    http: [
      {
        method: 'POST',
        access: 'open',
        path: '/trigger/{task}',
        args: [{ in: 'path', name: 'task' }, query('trigger', httpTriggerText)],
        summary: 'Run a task now; answers once its file is written (status "completed" or "skipped"), HTTP 500 with status "failed" when it fails',
        errors: ['already_running'],
      },
    ],
    failedResult: (result) => result.status === 'failed',
    triggerArg: 1,
  }),
  status: method({
    args: none,
    result: schedulerStatusSchema,
    http: [{ method: 'GET', access: 'open', path: '/status', args: [], summary: 'Scheduler on/off, and per task its next run, last run and whether it runs now' }],
  }),
  history: method({
    args: z.tuple([z.number().int().min(1).max(1000).optional()]),
    result: runHistorySchema,
    http: [{ method: 'GET', access: 'open', path: '/history', args: [query('limit', wholeNumberText(1, 1000))], summary: 'Recent runs, newest first (50 unless limit says)' }],
  }),
  listFiles: method({
    args: none,
    result: generatedFilesSchema,
    http: [{ method: 'GET', access: 'owner', path: '/files', args: [], summary: 'Generated files per type (name, size, time)' }],
  }),
  importCollection: method({
    args: z.tuple([importRequestSchema, z.enum(RUN_TRIGGERS).optional()]),
    result: importSummarySchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/import',
        args: [{ in: 'body', example: { path: '/home/me/musique.db' } }, query('trigger', httpTriggerText)],
        summary:
          'Import a collection file on this machine (AIME musique.db, Discogs CSV, this app’s JSON) or the demo ' +
          'collection, in a worker thread; answers when it is written (progress on the event stream). Recorded in ' +
          'the history as an import_collection run (completed, failed or cancelled)',
        errors: ['not_found', 'already_running', 'cancelled'],
      },
    ],
    triggerArg: 1,
  }),
  importUpload: method({
    args: z.tuple([sourceUploadSchema, z.enum(RUN_TRIGGERS).optional()]),
    result: importSummarySchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/import/upload',
        args: [{ in: 'body', example: { name: 'collection.csv', data_base64: 'Q2F0YWxvZyMsQXJ0aXN0LC4uLg==' } }, query('trigger', httpTriggerText)],
        summary:
          'Import a file dropped on or picked in the settings page, once (same limits as /sources/upload; the file ' +
          'is read from a private temporary copy, then deleted); recorded in the history like /import',
        errors: ['already_running', 'cancelled'],
      },
    ],
    triggerArg: 1,
  }),
  chooseImportFile: method({
    args: none,
    result: chosenImportSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/import/choose',
        args: [],
        summary: 'Pick a collection file with the native dialog of the desktop app and import it once ({available:false} elsewhere)',
        errors: ['already_running', 'cancelled'],
      },
    ],
  }),
  currentImport: method({
    args: none,
    result: currentImportSchema,
    http: [{ method: 'GET', access: 'open', path: '/import', args: [], summary: 'The import running in the background and how far it is, or null' }],
  }),
  cancelImport: method({
    args: none,
    result: cancelImportAnswerSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/import/cancel',
        args: [],
        summary: 'Stop the running import; it rolls back and leaves the collection exactly as before',
      },
    ],
  }),
  collectionStats: method({
    args: none,
    result: collectionStatsSchema,
    http: [{ method: 'GET', access: 'owner', path: '/collection', args: [], summary: 'Collection counts and last import' }],
  }),
  getEuria: method({
    args: none,
    result: euriaViewSchema,
    http: [{ method: 'GET', access: 'owner', path: '/euria', args: [], summary: 'EurIA (haiku LLM) settings, without the key' }],
  }),
  updateEuria: method({
    args: z.tuple([euriaPatchSchema]),
    result: euriaViewSchema,
    http: [
      { method: 'PATCH', access: 'owner', path: '/euria', args: [{ in: 'body', example: { model: 'qwen3' } }], summary: 'Change EurIA settings; api_key is write-only ("" removes it)' },
    ],
  }),
  testEuria: method({
    args: none,
    result: euriaTestResultSchema,
    http: [{ method: 'POST', access: 'owner', path: '/euria/test', args: [], summary: 'Ask EurIA for one haiku to check the settings' }],
  }),
  openOutputFolder: method({
    args: none,
    result: openOutputAnswerSchema,
    http: [{ method: 'POST', access: 'owner', path: '/open-output', args: [], summary: 'Open the output folder in the file manager of the machine running AIME' }],
  }),
  listSources: method({
    args: none,
    result: sourceListSchema,
    http: [{ method: 'GET', access: 'owner', path: '/sources', args: [], summary: 'Linked sources with their last sync (never the Discogs token)' }],
  }),
  addSource: method({
    args: z.tuple([sourceAddSchema]),
    result: sourceViewSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/sources',
        args: [{ in: 'body', example: { kind: 'discogs', username: 'collector', token: '…' } }],
        summary:
          'Link a source re-read on each sync: a Discogs account, or a collection file on this machine; an account already linked, given a token, takes that token',
      },
    ],
  }),
  uploadSource: method({
    args: z.tuple([sourceUploadSchema]),
    result: sourceViewSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/sources/upload',
        args: [{ in: 'body', example: { name: 'collection.csv', data_base64: 'Q2F0YWxvZyMsQXJ0aXN0LC4uLg==' } }],
        summary: 'Link a file dropped on the settings page (kept in the data folder; the same name again replaces it)',
      },
    ],
  }),
  chooseSourceFile: method({
    args: none,
    result: chosenSourceSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/sources/choose',
        args: [],
        summary: 'Pick a collection file with the native dialog of the desktop app and link it ({available:false} elsewhere)',
      },
    ],
  }),
  removeSource: method({
    args: z.tuple([sourceIdSchema]),
    result: sourceRemovedSchema,
    http: [
      {
        method: 'DELETE',
        access: 'owner',
        path: '/sources/{id}',
        args: [{ in: 'path', name: 'id' }],
        summary: 'Unlink a source and remove its albums (other albums are untouched)',
      },
    ],
  }),
  syncSources: method({
    args: z.tuple([z.enum(RUN_TRIGGERS).optional()]),
    result: syncAnswerSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/sync',
        args: [query('trigger', httpTriggerText)],
        summary:
          'Sync every linked source now (the sync_collection task, in a worker thread; progress on the event stream); ' +
          'HTTP 500 with the run when a source failed',
        errors: ['already_running'],
      },
    ],
    failedResult: (result) => result.run.status === 'failed',
    triggerArg: 0,
  }),
  cancelSync: method({
    args: none,
    result: cancelImportAnswerSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/sync/cancel',
        args: [],
        summary:
          'Stop the running sync: the source being synced rolls back, the rest are skipped, and the run is recorded as cancelled',
      },
    ],
  }),
  latestHaiku: method({
    args: none,
    result: haikuPreviewSchema,
    http: [{ method: 'GET', access: 'owner', path: '/haiku/latest', args: [], summary: 'The newest haiku file, read back: albums, haikus, fallbacks (null when there is none)' }],
  }),
  readFile: method({
    args: z.tuple([outputFileNameSchema]),
    result: fileContentSchema,
    http: [
      {
        method: 'GET',
        access: 'owner',
        path: '/files/{file}',
        args: [{ in: 'path', name: 'file' }],
        summary: 'The text of one generated file, by its exact name (nothing else is served)',
        errors: ['not_found'],
      },
    ],
  }),
  openFile: method({
    args: z.tuple([outputFileNameSchema]),
    result: openOutputAnswerSchema,
    http: [
      {
        method: 'POST',
        access: 'owner',
        path: '/files/{file}/open',
        args: [{ in: 'path', name: 'file' }],
        summary: 'Open one generated file, by its exact name, with the default app of the machine running AIME',
        errors: ['not_found'],
      },
    ],
  }),
  getApplication: method({
    args: none,
    result: applicationViewSchema,
    http: [
      {
        method: 'GET',
        access: 'owner',
        path: '/application',
        args: [],
        summary: 'Start at login, notifications, and the REST API (on/off, port, where it answers or why not)',
      },
    ],
  }),
  updateApplication: method({
    args: z.tuple([applicationPatchSchema]),
    result: applicationViewSchema,
    http: [
      {
        method: 'PATCH',
        access: 'owner',
        path: '/application',
        args: [{ in: 'body', example: { desktop: { start_at_login: true }, api: { port: 8001 } } }],
        summary: 'Change start at login, notifications or the REST API (on/off, port); the API moves at once',
      },
    ],
  }),
} satisfies Record<string, MethodSpec>;

/**
 * The name each shape carries in `openapi.json`'s components. Every argument body and result in
 * the table is named here (a test checks it), so the document refers to shapes, not copies.
 */
export const NAMED_SHAPES: Readonly<Record<string, z.ZodType>> = {
  SchedulerConfig: schedulerConfigViewSchema,
  MaxFilesPerType: maxFilesAnswerSchema,
  TaskConfig: taskConfigSchema,
  TaskPatch: taskPatchSchema,
  RunRecord: runRecordSchema,
  RunHistory: runHistorySchema,
  RunResult: runResultSchema,
  SchedulerStatus: schedulerStatusSchema,
  GeneratedFiles: generatedFilesSchema,
  ImportRequest: importRequestSchema,
  ImportSummary: importSummarySchema,
  ImportProgress: importProgressSchema,
  CurrentImport: currentImportSchema,
  CancelImportAnswer: cancelImportAnswerSchema,
  CollectionStats: collectionStatsSchema,
  EuriaSettings: euriaViewSchema,
  EuriaPatch: euriaPatchSchema,
  EuriaTestResult: euriaTestResultSchema,
  OpenOutputAnswer: openOutputAnswerSchema,
  HaikuPreview: haikuPreviewSchema,
  FileContent: fileContentSchema,
  Application: applicationViewSchema,
  ApplicationPatch: applicationPatchSchema,
  AimeEvent: aimeEventSchema,
  SourceList: sourceListSchema,
  Source: sourceViewSchema,
  SourceAdd: sourceAddSchema,
  SourceRemoved: sourceRemovedSchema,
  SourceUpload: sourceUploadSchema,
  ChosenSource: chosenSourceSchema,
  ChosenImport: chosenImportSchema,
  SyncAnswer: syncAnswerSchema,
};

// ─── Derived ─────────────────────────────────────────────────────────────────────────────────

type Contract = typeof CONTRACT;
export type AimeMethod = keyof Contract;
export type MethodArgs<M extends AimeMethod> = z.input<Contract[M]['args']>;
export type MethodResult<M extends AimeMethod> = z.output<Contract[M]['result']>;

/** The one interface every door implements or calls: derived from the table, plus live events. */
export type AimeApi = { [M in AimeMethod]: (...args: MethodArgs<M>) => Promise<MethodResult<M>> } & {
  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: AimeEvent) => void): () => void;
};

export const AIME_METHODS = Object.keys(CONTRACT) as AimeMethod[];

/** A method's spec, typed loosely for the generic code that walks the table. */
export function specOf(name: AimeMethod): MethodSpec {
  return CONTRACT[name] as unknown as MethodSpec;
}

/** Validates the argument list of an AimeApi call. */
export function parseArgs<M extends AimeMethod>(name: M, args: unknown): MethodArgs<M> {
  return parseInput(specOf(name).args, args) as MethodArgs<M>;
}
