/** Reading request input the same way on every route: JSON bodies and single query values. */
import type { Context } from 'hono';
import { AimeError } from '../../../shared/contract.js';

/**
 * The request body parsed as a JSON object. An empty body is `undefined` (or a 422 when `example`
 * is given, i.e. the body is required); text that is not JSON is a 422 that quotes the parser's
 * reason, and any other JSON value (array, string, null) a 422 that says an object is expected.
 */
export async function readJsonBody(c: Context, example: string | false): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (example) throw new AimeError('invalid_input', `this endpoint needs a JSON body, e.g. ${example}`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AimeError('invalid_input', `the request body is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new AimeError('invalid_input', `the request body must be a JSON object${example ? `, e.g. ${example}` : ''} (got ${got})`);
  }
  return value as Record<string, unknown>;
}

/** A query parameter given at most once: `?a=1&a=2` is ambiguous, so it is refused. */
export function singleQuery(c: Context, name: string): string | undefined {
  const values = c.req.queries(name) ?? [];
  if (values.length > 1) {
    throw new AimeError('invalid_input', `${name} is given ${values.length} times; give it once`);
  }
  return values[0];
}
