import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';

/**
 * resources/demo/collection.json, looked up from this module upwards: the same code runs
 * from the sources (tsx, tests) and from a bundle in dist/.
 */
export function findDemoFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'demo', 'collection.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new AimeError('not_found', 'demo collection not found (resources/demo/collection.json)', undefined, msg('error.demo_missing'));
    dir = parent;
  }
}
