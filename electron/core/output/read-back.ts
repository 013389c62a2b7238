/**
 * Reading generated files back for people: one file by its exact name (never a path), and the
 * newest haiku file parsed into what the window shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import type { FileContent, HaikuPreview } from '../../../shared/api.js';
import { LOCALES, messageTemplate, msg, parseMessage } from '../../../shared/messages/index.js';
import { isoLocal } from '../time-format.js';
import { listGeneratedFiles } from './listing.js';
import { dateFromStamp, parseOutputName } from './naming.js';

/**
 * The absolute path of a generated file in `dir`, or not_found. Only an exact export name is
 * accepted, so `..`, separators and the user's own files in the folder are never reached; a
 * symbolic link under such a name is refused too.
 */
export function generatedFilePath(dir: string, name: string): string {
  const parsed = parseOutputName(name);
  const file = path.join(path.resolve(dir), name);
  const missing = (detail: string) => new AimeError('not_found', `no generated file named ${JSON.stringify(name)}${detail}`, undefined, msg('error.no_generated_file', { name }));
  if (!parsed || path.basename(file) !== name) throw missing('');
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    throw missing(' in the output folder');
  }
  if (!stat.isFile()) throw missing(' in the output folder');
  return file;
}

export function readGeneratedFile(dir: string, name: string): FileContent {
  const file = generatedFilePath(dir, name);
  const kind = parseOutputName(name)!.kind;
  return { name, kind, text: fs.readFileSync(file, 'utf8') };
}

/** `\[x\]` → `[x]`, `&#32;` → ` `: the text the file's Markdown renders to. */
function unescapeInline(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The fallback note's frame in each haiku language ("haïku de secours : {reason}"), split around the reason. */
const FALLBACK_FRAMES = LOCALES.map((locale) => messageTemplate('haiku.fallback_note', locale).split('{reason}') as [string, string]);

/** The reason of a `_(…)_` line under a haiku, in whichever haiku language the file was written; else null. */
function fallbackReason(line: string | undefined): string | null {
  const note = /^_\((.*)\)_$/.exec(line ?? '');
  if (!note) return null;
  const text = unescapeInline(note[1] as string);
  const frame = FALLBACK_FRAMES.find(([before, after]) => text.startsWith(before) && text.endsWith(after));
  return frame ? text.slice(frame[0].length, text.length - frame[1].length) : null;
}

/** The haiku file's sections: `## N. heading`, a fenced block of lines, an optional fallback note. */
export function parseHaikuFile(text: string): NonNullable<HaikuPreview>['haikus'] {
  const haikus: NonNullable<HaikuPreview>['haikus'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const heading = /^## \d+\. (.*)$/.exec(lines[i] as string);
    if (!heading) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] === '') j += 1;
    const fence = /^(`{3,})$/.exec(lines[j] ?? '')?.[1];
    if (!fence) continue;
    const body: string[] = [];
    for (j += 1; j < lines.length && lines[j] !== fence; j += 1) body.push(lines[j] as string);
    const fallback = fallbackReason(lines[j + 1]);
    haikus.push({
      album: unescapeInline(heading[1] as string),
      lines: body,
      fallback,
      fallback_text: fallback === null ? null : parseMessage(fallback, 'fallback.'),
    });
    i = j;
  }
  return haikus;
}

/** The newest haiku file, read back; null when there is none (or the folder cannot be read). */
export function latestHaikuPreview(dir: string): HaikuPreview {
  const newest = listGeneratedFiles(dir).files.haiku[0];
  if (!newest) return null;
  let text: string;
  try {
    text = fs.readFileSync(newest.path, 'utf8');
  } catch {
    return null; // removed by retention between the listing and the read
  }
  const stamp = parseOutputName(newest.name)!.stamp;
  return { name: newest.name, generated_at: isoLocal(dateFromStamp(stamp)), haikus: parseHaikuFile(text) };
}
