/**
 * Input schemas that more than one method or door uses. The contract table (shared/contract.ts)
 * says which method takes which; the core validates with them, so every transport refuses the
 * same bad input with the same message and changes nothing.
 */
import * as z from './zod.js';
import { HAIKU_LANGUAGES, euriaSettingsSchema } from './config.js';
import { IMPORT_FORMATS } from './api.js';
import { TASK_IDS } from './tasks.js';

export const taskIdSchema = z.enum(TASK_IDS, {
  error: (issue) => `unknown task ${JSON.stringify(issue.input)}; valid tasks: ${TASK_IDS.join(', ')}`,
});

export const outputDirSchema = z.string().min(1, 'output_dir must be a folder path');

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
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const euriaPatchSchema = z
  .object({
    url: euriaSettingsSchema.shape.url,
    model: euriaSettingsSchema.shape.model,
    api_key: euriaSettingsSchema.shape.api_key,
    timeout_ms: euriaSettingsSchema.shape.timeout_ms,
    deadline_ms: euriaSettingsSchema.shape.deadline_ms,
    concurrency: euriaSettingsSchema.shape.concurrency,
    language: z.enum(HAIKU_LANGUAGES),
  })
  .partial()
  .strict();
export type EuriaPatch = z.infer<typeof euriaPatchSchema>;

/** Turns a zod failure into the one-line message users see: "field: problem; field: problem". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.filter((p) => typeof p !== 'number' || issue.path.length > 1).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
