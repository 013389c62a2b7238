/**
 * Input schemas for every AimeApi method, keyed by method name. The core validates its
 * inputs with these (so every transport gets the same checks and messages), the IPC
 * wrapper validates raw renderer input with them, and the OpenAPI document is built from them.
 */
import { z } from 'zod';
import { HAIKU_LANGUAGES, euriaSettingsSchema, maxFilesSchema, taskPatchSchema } from './config.js';
import { AimeError } from './errors.js';
import { IMPORT_FORMATS, type AimeApi, type AimeMethod } from './api.js';
import { RUN_TRIGGERS, TASK_IDS } from './tasks.js';

export const taskIdSchema = z.enum(TASK_IDS, {
  error: (issue) => `unknown task ${JSON.stringify(issue.input)}; valid tasks: ${TASK_IDS.join(', ')}`,
});

const IMPORT_HINT = 'give the file to import as {"path": "/full/path"} or ask for {"demo": true}';

/**
 * A file import or the demo. When neither form fits, the message comes from the form the caller
 * meant (the one with `demo`, else the one with `path`), not zod's bare "Invalid input".
 */
export const importRequestSchema = z.union(
  [
    z.object({ path: z.string().min(1, 'path must name a file'), format: z.enum(IMPORT_FORMATS).optional() }).strict(),
    z.object({ demo: z.literal(true, 'demo must be true') }).strict(),
  ],
  {
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== 'object' || input === null || Object.keys(input).length === 0) return IMPORT_HINT;
      const meant = 'demo' in input ? 1 : 0;
      const branch = (issue as { errors?: Array<Array<{ path: PropertyKey[]; message: string }>> }).errors?.[meant];
      const first = branch?.[0];
      if (!first) return IMPORT_HINT;
      const field = first.path.map(String).join('.');
      return field ? `${field}: ${first.message}` : first.message;
    },
  },
);

export const euriaPatchSchema = z
  .object({
    url: euriaSettingsSchema.shape.url,
    model: euriaSettingsSchema.shape.model,
    api_key: euriaSettingsSchema.shape.api_key,
    timeout_ms: euriaSettingsSchema.shape.timeout_ms,
    concurrency: euriaSettingsSchema.shape.concurrency,
    language: z.enum(HAIKU_LANGUAGES),
  })
  .partial()
  .strict();

const none = z.tuple([]);

export const methodArgs = {
  getConfig: none,
  setMaxFilesPerType: z.tuple([maxFilesSchema]),
  setOutputDir: z.tuple([z.string().min(1, 'output_dir must be a folder path')]),
  setSchedulerEnabled: z.tuple([z.boolean()]),
  setCatchUpMissedRuns: z.tuple([z.boolean()]),
  updateTask: z.tuple([taskIdSchema, taskPatchSchema]),
  runNow: z.tuple([taskIdSchema, z.enum(RUN_TRIGGERS).optional()]),
  status: none,
  history: z.tuple([z.number().int().min(1).max(1000).optional()]),
  listFiles: none,
  importCollection: z.tuple([importRequestSchema]),
  collectionStats: none,
  getEuria: none,
  updateEuria: z.tuple([euriaPatchSchema]),
  testEuria: none,
  openOutputFolder: none,
} satisfies { [M in AimeMethod]: z.ZodType<Parameters<AimeApi[M]>> };

/** Turns a zod failure into the one-line message users see: "field: problem; field: problem". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.filter((p) => typeof p !== 'number' || issue.path.length > 1).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parses with a schema or throws `AimeError('invalid_input')` naming what is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = describeIssues(result.error);
  throw new AimeError('invalid_input', what ? `${what}: ${message}` : message);
}

/** Validates the argument list of an AimeApi call. */
export function parseArgs<M extends AimeMethod>(method: M, args: unknown): Parameters<AimeApi[M]> {
  return parseInput(methodArgs[method] as unknown as z.ZodType<Parameters<AimeApi[M]>>, args);
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
      `max_files_per_type must be a whole number between 1 and 50 (got ${JSON.stringify(text)})`,
    );
  }
  return parseInput(maxFilesSchema, Number(trimmed));
}
