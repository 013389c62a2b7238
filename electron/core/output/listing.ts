/** The generated files the window lists: per kind, newest first, dated by their names. */
import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedFile, GeneratedFiles } from '../../../shared/api.js';
import { isoLocal } from '../time-format.js';
import { compareNewestFirst, dateFromStamp, parseOutputName, type ParsedOutputName } from './naming.js';

export function listGeneratedFiles(dir: string): GeneratedFiles {
  const outputDir = path.resolve(dir);
  const files: GeneratedFiles['files'] = { haiku: [], markdown: [], json: [] };
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(outputDir, { withFileTypes: true });
  } catch (error) {
    // Nothing generated yet: the folder is created by the first run.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { output_dir: outputDir, files };
    throw error;
  }
  const parsed = entries
    .filter((entry) => entry.isFile())
    .map((entry) => parseOutputName(entry.name))
    .filter((name): name is ParsedOutputName => name !== null)
    .sort(compareNewestFirst);
  for (const name of parsed) {
    const file = path.join(outputDir, name.name);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      continue; // removed between readdir and stat
    }
    const entry: GeneratedFile = {
      kind: name.kind,
      name: name.name,
      path: file,
      size,
      created_at: isoLocal(dateFromStamp(name.stamp)),
    };
    files[name.kind].push(entry);
  }
  return { output_dir: outputDir, files };
}
