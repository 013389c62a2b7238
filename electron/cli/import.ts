/** `aime import <file>` / `aime import --demo`: one all-or-nothing import, which Ctrl-C cancels. */
import path from 'node:path';
import { IMPORT_FORMATS, type ImportFormat } from '../../shared/api.js';
import { AimeError } from '../../shared/contract.js';
import { msg } from '../../shared/messages/index.js';
import { requireArg } from './args.js';
import type { CommandContext } from './context.js';
import { followImport } from './import-progress.js';
import { printJson } from './io.js';
import { say } from './say.js';

function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text === undefined) return undefined;
  if (!(IMPORT_FORMATS as readonly string[]).includes(text)) {
    throw new AimeError('invalid_input', `--format must be one of ${IMPORT_FORMATS.join(', ')} (got ${JSON.stringify(text)})`);
  }
  return text as ImportFormat;
}

export async function execute({ args, values, io, api, json }: CommandContext): Promise<number> {
  const request = values.demo
    ? { demo: true as const }
    : // Resolved here: a running host doing the import for this command has another working folder.
      { path: path.resolve(requireArg(args[0], 'file to import (or --demo)', 'import')), format: parseFormat(values.format as string | undefined) };
  const aime = await api();
  // A live line on a terminal, and Ctrl-C cancels (the import rolls back; exit code 130).
  const stopFollowing = followImport(aime, io);
  let summary;
  try {
    summary = await aime.importCollection(request, 'cli');
  } finally {
    stopFollowing();
  }
  if (json) {
    printJson(io, summary);
    return 0;
  }
  summary.note_texts.forEach((note) => io.err(say(note)));
  if (summary.more > 0) io.err(say(msg('note.more', { n: summary.more })));
  io.out(
    `${summary.file}: ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped; ${summary.total_albums} albums in the collection`,
  );
  return 0;
}
