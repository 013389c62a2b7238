/**
 * `GET /api/v1/openapi.json` (OpenAPI 3.1): its `paths` are derived from the contract table and its
 * components from the shapes the table names, so the document cannot describe another API than the
 * one that runs. Only the two hand-written routes (the seed's PATCH /config and the event stream)
 * are described by hand, here.
 */
import * as z from '../../../shared/zod.js';
import { EVENT_TYPES } from '../../../shared/api.js';
import { MAX_FILES_MAX, MAX_FILES_MIN } from '../../../shared/config.js';
import {
  AIME_METHODS,
  ERROR_CODES,
  EVENTS_PATH,
  NAMED_SHAPES,
  SCHEDULER_PREFIX,
  specOf,
  type AimeErrorCode,
  type HttpRoute,
} from '../../../shared/contract.js';
import { BESPOKE_ROUTES, bodyExample, configPatchSchema } from './routes.js';
import { MAX_BODY_BYTES } from './security.js';

type Json = Record<string, unknown>;

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Every error answer: `{"detail": message, "code": code, ...details}` (FastAPI's shape, as the original AIME). */
const errorBodySchema = z.looseObject({
  detail: z.string().describe('What went wrong, for a person to read'),
  code: z.enum(Object.keys(ERROR_CODES) as [AimeErrorCode, ...AimeErrorCode[]]),
});

const SHAPES: Record<string, z.ZodType> = { ...NAMED_SHAPES, ConfigPatch: configPatchSchema, Error: errorBodySchema };

function nameOf(schema: z.ZodType | undefined): string {
  const found = Object.entries(SHAPES).find(([, s]) => s === schema);
  if (!found) throw new Error('a schema in the contract table has no name in NAMED_SHAPES');
  return found[0];
}

/** JSON Schemas of the named shapes, cross-referenced through `#/components/schemas/<name>`. */
function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SHAPES)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _drop, $id: _id, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const error = (code: AimeErrorCode, description: string = ERROR_CODES[code].meaning) => ({
  [String(ERROR_CODES[code].http)]: json('Error', description),
});
const common = {
  ...error('forbidden'),
  ...error('payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`),
};

const SECURITY_SCHEME = 'ownerToken';
const OWNER_ONLY = error('unauthorized', 'Without the API token (<data>/api-token) as a Bearer token or the settings page’s cookie; nothing was done');

function operation(route: HttpRoute, args: readonly z.ZodType[], result: z.ZodType, failureIsResult: boolean): Json {
  const parameters: Json[] = [];
  let requestBody: Json | undefined;
  for (const [index, source] of route.args.entries()) {
    if (source.in === 'path') {
      parameters.push({ name: source.name, in: 'path', required: true, schema: z.toJSONSchema(args[index]!, { io: 'input' }) });
    } else if (source.in === 'query') {
      parameters.push({
        name: source.name,
        in: 'query',
        required: false,
        schema: source.text.schema,
        ...(source.text.description ? { description: source.text.description } : {}),
      });
      const header = source.text.header;
      if (header) {
        parameters.push({
          name: header.name,
          in: 'header',
          required: false,
          schema: { type: 'string', enum: [...header.values] },
          description: `Used when ${source.name} is absent (the aime command says so)`,
        });
      }
    } else if (source.in === 'body') {
      requestBody = { required: true, content: { 'application/json': { schema: ref(nameOf(args[index])), example: bodyExample(route) } } };
    }
  }
  const takesInput = route.args.some((a) => a.in !== 'const');
  const responses: Json = {
    '200': json(nameOf(result), 'Done'),
    ...(route.args.some((a) => a.in === 'path') ? error('not_found', 'No such resource; the message (and `valid`) name those that exist') : {}),
    ...(takesInput ? error('invalid_input', 'Missing or invalid value; nothing was changed') : {}),
    ...Object.assign({}, ...(route.errors ?? []).map((code) => error(code))),
    ...(failureIsResult ? { '500': json(nameOf(result), 'It ran and failed: the result says why') } : {}),
    ...(route.access === 'owner' ? OWNER_ONLY : {}),
    ...common,
  };
  return {
    summary: route.summary,
    ...(route.access === 'owner' ? { security: [{ [SECURITY_SCHEME]: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The hand-written routes, described by hand: their shapes are the seed's, not one method's. */
function bespokeOperations(): Record<keyof typeof BESPOKE_ROUTES, Json> {
  return {
    'PATCH /config': {
      summary: BESPOKE_ROUTES['PATCH /config'].summary,
      parameters: [
        {
          name: 'max_files_per_type',
          in: 'query',
          required: false,
          description: `A whole number ${MAX_FILES_MIN}–${MAX_FILES_MAX}. When given, the answer is {"max_files_per_type": N}.`,
          schema: { type: 'integer', minimum: MAX_FILES_MIN, maximum: MAX_FILES_MAX },
        },
      ],
      requestBody: {
        required: false,
        content: { 'application/json': { schema: ref('ConfigPatch'), example: { output_dir: '/home/me/Exports', catch_up_missed_runs: false } } },
      },
      responses: {
        '200': {
          description: '{"max_files_per_type": N} for the query form; the whole configuration for the body form',
          content: { 'application/json': { schema: { oneOf: [ref('MaxFilesPerType'), ref('SchedulerConfig')] } } },
        },
        ...error('invalid_input', 'Missing or invalid value; nothing was changed'),
        ...error('unauthorized', 'The JSON body form without the API token; nothing was changed'),
        ...common,
      },
    },
    [`GET ${EVENTS_PATH}`]: {
      summary: BESPOKE_ROUTES[`GET ${EVENTS_PATH}`].summary,
      responses: {
        '200': {
          description:
            `An endless text/event-stream. Each event is \`event: <type>\` (${EVENT_TYPES.join(', ')}) and ` +
            '`data: <the event as JSON>`, an AimeEvent (#/components/schemas/AimeEvent).',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        ...common,
      },
    },
  };
}

function paths(): Record<string, Json> {
  const out: Record<string, Json> = {};
  const add = (method: string, path: string, op: Json) => {
    const key = SCHEDULER_PREFIX + path;
    out[key] = { ...out[key], [method.toLowerCase()]: op };
  };
  for (const name of AIME_METHODS) {
    const spec = specOf(name);
    const args = (spec.args as unknown as z.ZodTuple).def.items as unknown as z.ZodType[];
    for (const route of spec.http) {
      if (!route.bespoke) add(route.method, route.path, operation(route, args, spec.result, spec.failedResult !== undefined));
    }
  }
  for (const [key, op] of Object.entries(bespokeOperations())) {
    const [method, path] = key.split(' ') as [string, string];
    add(method, path, op);
  }
  out[OPENAPI_PATH] = {
    get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
  };
  return out;
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
      schemas: componentSchemas(),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The token in <data folder>/api-token (mode 0600). The seed’s three operations and the read-only status, ' +
            'history and events need none; every other route does.',
        },
      },
    },
  };
  return structuredClone(cached);
}
