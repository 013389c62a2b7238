/** Reading request input the same way on every route: JSON bodies and whole-number query values. */
import type { Context } from 'hono';
import { AimeError } from '../../../shared/errors.js';

/**
 * The request body parsed as JSON. An empty body is `undefined` (or a 422 when `required`);
 * text that is not JSON is a 422 that quotes the parser's reason, so the caller can fix it.
 */
export async function readJsonBody(c: Context, required: string | false): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (required) throw new AimeError('invalid_input', `this endpoint needs a JSON body, e.g. ${required}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AimeError('invalid_input', `the request body is not valid JSON: ${reason}`);
  }
}

/** A query value that must be a plain whole number in [min, max] (e.g. `limit=50`); absent is `undefined`. */
export function wholeNumberQuery(c: Context, name: string, min: number, max: number): number | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new AimeError('invalid_input', `${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(text)})`);
  }
  return value;
}
