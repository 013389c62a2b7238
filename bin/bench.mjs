#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn.
// Figures are printed, never asserted: timing belongs here, not in unit tests.
import { register } from 'tsx/esm/api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

register();
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = await import(pathToFileURL(path.join(dir, file)).href);
  await mod.run();
}
