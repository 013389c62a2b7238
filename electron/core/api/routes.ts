/**
 * The scheduler endpoints (the seed's three plus what the settings window needs). Each route reads
 * its input, checks it with the shared schemas (the same ones the engine and the IPC wrapper use,
 * so every front end gets the same messages), calls the `AimeApi` method that does the work (one per
 * route; the JSON form of `PATCH config` applies its validated fields one setter each) and shapes the answer.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AimeApi, RunResult } from '../../../shared/api.js';
import { maxFilesSchema, taskPatchSchema } from '../../../shared/config.js';
import { AimeError } from '../../../shared/errors.js';
import {
  describeIssues,
  euriaPatchSchema,
  importRequestSchema,
  methodArgs,
  parseInput,
  parseMaxFilesText,
  taskIdSchema,
} from '../../../shared/schemas.js';
import { TASK_IDS, type TaskId } from '../../../shared/tasks.js';
import { readJsonBody, singleQuery, wholeNumberQuery } from './body.js';
import { eventStream } from './events.js';

export const SCHEDULER_PREFIX = '/api/v1/services/scheduler';

/** `PATCH config` with a JSON body: any subset of the global settings the window edits. */
export const configPatchSchema = z
  .object({
    max_files_per_type: maxFilesSchema,
    output_dir: methodArgs.setOutputDir.def.items[0],
    catch_up_missed_runs: z.boolean(),
  })
  .partial()
  .strict();

/** A task named in the path: an unknown name is a missing resource (404) listing the valid ones. */
function taskFromPath(name: string): TaskId {
  const parsed = taskIdSchema.safeParse(name);
  if (!parsed.success) throw new AimeError('not_found', describeIssues(parsed.error), { valid: [...TASK_IDS] });
  return parsed.data;
}

/** The seed's keys first (`task`, `status`, `timestamp`), then what the window shows. */
function seedOrdered(result: RunResult): RunResult {
  const { task, status, timestamp, ...rest } = result;
  return { task, status, timestamp, ...rest };
}

async function patchConfig(api: AimeApi, c: Context): Promise<Response> {
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
      'max_files_per_type is missing: use ?max_files_per_type=N (1 to 50) or a JSON body such as {"max_files_per_type": 10}',
    );
  }
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

/** Over HTTP a run is an API call, or a click in the settings page (`?trigger=manual`) for the history. */
const HTTP_TRIGGERS = ['api', 'manual'] as const;

async function trigger(api: AimeApi, c: Context): Promise<Response> {
  const task = taskFromPath(c.req.param('task') ?? '');
  const asked = singleQuery(c, 'trigger') ?? 'api';
  if (!(HTTP_TRIGGERS as readonly string[]).includes(asked)) {
    throw new AimeError('invalid_input', `trigger must be ${HTTP_TRIGGERS.join(' or ')} (got ${JSON.stringify(asked)})`);
  }
  const result = seedOrdered(await api.runNow(task, asked as (typeof HTTP_TRIGGERS)[number]));
  // A failed run is never reported as a success: 500 with status "failed" and the error.
  return c.json(result, result.status === 'failed' ? 500 : 200);
}

export function schedulerRoutes(api: AimeApi, options: { heartbeatMs: number }): Hono {
  const r = new Hono();
  r.get('/config', async (c) => c.json(await api.getConfig()));
  r.patch('/config', (c) => patchConfig(api, c));
  r.post('/trigger/:task', (c) => trigger(api, c));
  r.get('/status', async (c) => c.json(await api.status()));
  r.post('/start', async (c) => c.json(await api.setSchedulerEnabled(true)));
  r.post('/stop', async (c) => c.json(await api.setSchedulerEnabled(false)));
  r.patch('/tasks/:name', async (c) => {
    const task = taskFromPath(c.req.param('name'));
    const patch = parseInput(taskPatchSchema, await readJsonBody(c, '{"time": "07:30"}'));
    return c.json(await api.updateTask(task, patch));
  });
  r.get('/history', async (c) => c.json(await api.history(wholeNumberQuery(c, 'limit', 1, 1000))));
  r.get('/files', async (c) => c.json(await api.listFiles()));
  r.post('/import', async (c) => {
    const body = await readJsonBody(c, '{"path": "/home/me/musique.db"} or {"demo": true}');
    return c.json(await api.importCollection(parseInput(importRequestSchema, body ?? {})));
  });
  r.get('/collection', async (c) => c.json(await api.collectionStats()));
  r.get('/euria', async (c) => c.json(await api.getEuria()));
  r.patch('/euria', async (c) => {
    const patch = parseInput(euriaPatchSchema, await readJsonBody(c, '{"model": "qwen3"}'));
    return c.json(await api.updateEuria(patch));
  });
  r.post('/euria/test', async (c) => c.json(await api.testEuria()));
  r.post('/open-output', async (c) => c.json(await api.openOutputFolder()));
  r.get('/events', (c) => eventStream(api, c, options.heartbeatMs));
  return r;
}
