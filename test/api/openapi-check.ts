/** Validates real API answers against the published OpenAPI document (ajv, JSON Schema 2020-12). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../electron/core/api/index.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'aime-openapi', components: (openApiDocument() as { components: object }).components });

/** Throws with ajv's messages when `value` does not match `#/components/schemas/<name>`. */
export function assertMatches(name: string, value: unknown): void {
  const validate = ajv.getSchema(`aime-openapi#/components/schemas/${name}`);
  if (!validate) throw new Error(`no component schema ${name}`);
  if (!validate(value)) {
    throw new Error(`${name} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
  }
}

export function matches(name: string, value: unknown): boolean {
  const validate = ajv.getSchema(`aime-openapi#/components/schemas/${name}`);
  if (!validate) throw new Error(`no component schema ${name}`);
  return validate(value) as boolean;
}
