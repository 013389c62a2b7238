/**
 * The scheduler endpoints, derived from the contract table: each route of each entry gets the one
 * generic handler below, which reads the arguments from where the entry says (path, query, JSON
 * body), calls the `AimeApi` method and answers its result (HTTP 500 with the result when the entry
 * says a failure is a result). Only the seed's `PATCH /config` (two answer shapes) and the event
 * stream are written by hand.
 */
import { Hono, type Context } from 'hono';
import * as z from '../../../shared/zod.js';
import { MAX_FILES_MAX, MAX_FILES_MIN, maxFilesSchema } from '../../../shared/config.js';
import {
  AIME_METHODS,
  AimeError,
  EVENTS_PATH,
  parseInput,
  parseMaxFilesText,
  specOf,
  type AimeApi,
  type AimeMethod,
  type ArgSource,
  type HttpRoute,
} from '../../../shared/contract.js';
import { describeIssues, outputDirSchema } from '../../../shared/schemas.js';
import { readJsonBody, singleQuery } from './body.js';
import { eventStream } from './events.js';
import { requireOwner } from './security.js';

/** Hono's `:name` for the table's `{name}`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** An argument as the request carries it, before the method's own validation. */
async function readArg(c: Context, source: ArgSource, schema: z.ZodType | undefined, body: () => Promise<unknown>) {
  switch (source.in) {
    case 'const':
      return source.value;
    case 'path': {
      const raw = c.req.param(source.name) ?? '';
      // A path names a resource: one the schema refuses does not exist (404), and an enum says what does.
      const parsed = schema?.safeParse(raw);
      if (parsed && !parsed.success) {
        const valid = schema instanceof z.ZodEnum ? { valid: [...schema.options] } : undefined;
        throw new AimeError('not_found', describeIssues(parsed.error), valid);
      }
      return raw;
    }
    case 'query': {
      const text = singleQuery(c, source.name);
      if (text !== undefined) return source.text.parse(text, source.name);
      const header = source.text.header;
      const said = header ? c.req.header(header.name) : undefined;
      if (header && said !== undefined) {
        if (!header.values.includes(said)) {
          throw new AimeError('invalid_input', `${header.name} must be ${header.values.join(' or ')} (got ${JSON.stringify(said)})`);
        }
        return said;
      }
      return source.text.fallback;
    }
    case 'body': {
      const value = await body();
      return source.field === undefined ? value : (value as Record<string, unknown>)[source.field];
    }
  }
}

/** The JSON body a route expects, as an example (fields gathered), or undefined when it takes none. */
export function bodyExample(route: HttpRoute): unknown {
  const sources = route.args.filter((a) => a.in === 'body');
  if (sources.length === 0) return undefined;
  if (sources.length === 1 && sources[0]!.field === undefined) return sources[0]!.example;
  return Object.fromEntries(sources.map((s) => [s.field, s.example]));
}

function genericHandler(api: AimeApi, name: AimeMethod, route: HttpRoute, token: string) {
  const spec = specOf(name);
  const items = (spec.args as unknown as z.ZodTuple).def.items as unknown as z.ZodType[];
  const hint = bodyExample(route);
  return async (c: Context): Promise<Response> => {
    // Before reading anything: a refused request changes nothing and learns nothing.
    if (route.access === 'owner') requireOwner(c, token);
    let body: Promise<unknown> | undefined;
    const readBody = () => (body ??= readJsonBody(c, hint === undefined ? false : JSON.stringify(hint)));
    const args: unknown[] = [];
    for (const [index, source] of route.args.entries()) args.push(await readArg(c, source, items[index], readBody));
    while (args.length > 0 && args.at(-1) === undefined) args.pop();
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn(...args);
    return c.json(result as object, spec.failedResult?.(result) ? 500 : 200);
  };
}

// ─── The seed's PATCH /config ────────────────────────────────────────────────────────────────

/** `PATCH config` with a JSON body: any subset of the global settings the window edits. */
export const configPatchSchema = z
  .object({ max_files_per_type: maxFilesSchema, output_dir: outputDirSchema, catch_up_missed_runs: z.boolean() })
  .partial()
  .strict();

/**
 * The query form answers the seed's `{"max_files_per_type": N}`; the body form applies each
 * validated field with its own setter and answers the whole configuration.
 */
async function patchConfig(api: AimeApi, c: Context, token: string): Promise<Response> {
  const query = singleQuery(c, 'max_files_per_type');
  const body = await readJsonBody(c, false);
  if (query !== undefined) {
    if (body !== undefined) {
      throw new AimeError('invalid_input', 'send max_files_per_type either in the query or in a JSON body, not both');
    }
    return c.json(await api.setMaxFilesPerType(parseMaxFilesText(query)));
  }
  if (body === undefined) {
    throw new AimeError(
      'invalid_input',
      `max_files_per_type is missing: use ?max_files_per_type=N (${MAX_FILES_MIN} to ${MAX_FILES_MAX}) or a JSON body such as {"max_files_per_type": 10}`,
    );
  }
  // The seed's query form is open; the JSON body form (output folder, catch-up…) is the owner's.
  requireOwner(c, token);
  // Validate the whole patch before changing anything, so bad input changes nothing.
  const patch = parseInput(configPatchSchema, body);
  if (Object.keys(patch).length === 0) {
    throw new AimeError('invalid_input', 'the body changes nothing: give max_files_per_type, output_dir or catch_up_missed_runs');
  }
  if (patch.output_dir !== undefined) await api.setOutputDir(patch.output_dir);
  if (patch.max_files_per_type !== undefined) await api.setMaxFilesPerType(patch.max_files_per_type);
  if (patch.catch_up_missed_runs !== undefined) await api.setCatchUpMissedRuns(patch.catch_up_missed_runs);
  return c.json(await api.getConfig());
}

/** The hand-written routes, with what `openapi.json` says of them. */
export const BESPOKE_ROUTES = {
  'PATCH /config': {
    summary:
      'Change max_files_per_type (query, as in the seed: open) or any global setting (JSON body: needs the API token)',
    // The query form; the body form is `owner`, checked by the handler.
    access: 'open',
    handler: patchConfig,
  },
  [`GET ${EVENTS_PATH}`]: {
    access: 'open',
    summary: 'Server-sent events: `event: <type>` and `data: <AimeEvent as JSON>`; a `: ping` comment every 15 s',
  },
} as const;

export function schedulerRoutes(api: AimeApi, options: { heartbeatMs: number; token: string }): Hono {
  const r = new Hono();
  r.patch('/config', (c) => patchConfig(api, c, options.token));
  r.get(EVENTS_PATH, (c) => eventStream(api, c, options.heartbeatMs));
  for (const name of AIME_METHODS) {
    for (const route of specOf(name).http) {
      if (route.bespoke) continue;
      r.on(route.method, honoPath(route.path), genericHandler(api, name, route, options.token));
    }
  }
  return r;
}
