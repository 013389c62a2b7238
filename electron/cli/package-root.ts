/**
 * The folder holding this app's package.json, found from this module upwards: the same code
 * runs from the sources (tsx, tests) and from the build in dist/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'aime-scheduler';

export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here (or not ours): look further up
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}'s package.json not found above ${from}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
