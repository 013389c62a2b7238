/** The generated files the window lists: per kind, newest first, dated by their names. */
import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedFile, GeneratedFiles, OutputFolderProblem } from '../../../shared/api.js';
import { isoLocal } from '../time-format.js';
import { compareNewestFirst, dateFromStamp, parseOutputName, type ParsedOutputName } from './naming.js';

export function folderProblem(errno: string | undefined): OutputFolderProblem {
  if (errno === 'ENOTDIR' || errno === 'EEXIST') return 'not_a_folder';
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return 'no_access';
  return 'unreadable';
}

export function listGeneratedFiles(dir: string): GeneratedFiles {
  const outputDir = path.resolve(dir);
  const files: GeneratedFiles['files'] = { haiku: [], markdown: [], json: [] };
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(outputDir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing generated yet: the folder is created by the first run.
    if (code === 'ENOENT') return { output_dir: outputDir, files };
    // A folder that cannot be listed is a fact to show on the folder field, not a failure to
    // load the window: the person must be able to fix it from there.
    return { output_dir: outputDir, files, problem: folderProblem(code) };
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

/** The newest haiku, and the newest export of either kind (Markdown or JSON), by name; null when none. */
export function latestFiles(listed: GeneratedFiles): { haiku: string | null; export: string | null } {
  const exports = [...listed.files.markdown, ...listed.files.json]
    .map((file) => ({ file, parsed: parseOutputName(file.name) }))
    .filter((entry): entry is { file: GeneratedFile; parsed: ParsedOutputName } => entry.parsed !== null)
    .sort((a, b) => compareNewestFirst(a.parsed, b.parsed));
  return { haiku: listed.files.haiku[0]?.name ?? null, export: exports[0]?.file.name ?? null };
}
