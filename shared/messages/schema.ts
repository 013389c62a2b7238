/** The wire form of a message to people (code plus parameters), for the API's response schemas. */
import * as z from '../zod.js';
import { isMessageCode, type MessageCode, type MessageRef } from './index.js';

/**
 * The wire form of a message, as the API's schemas check it. Messages nest three deep at most
 * (a sync failure → a source's failure → its reason), and a JSON Schema of fixed depth needs no
 * recursive reference (which openapi.json could not publish).
 */
const codeSchema = z.string().refine(isMessageCode, 'must be a code of the message catalogue') as z.ZodType<MessageCode>;
const leafRefSchema = z.object({ key: codeSchema, params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional() });
const nestedRefSchema = (inner: z.ZodType<MessageRef>) =>
  z.object({
    key: codeSchema,
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null(), inner, z.array(inner)])).optional(),
  });
export const messageRefSchema: z.ZodType<MessageRef> = nestedRefSchema(nestedRefSchema(leafRefSchema)).describe(
  'A message to people as a code of the catalogue (shared/messages) plus its parameters; a parameter may be a message itself.',
);

