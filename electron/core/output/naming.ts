/**
 * Export file names: `<prefix>-YYYYMMDD-HHMMSS[-N].<ext>` in local time (DESIGN.md §2).
 * The exact patterns here are also the only names retention may ever delete (§3), so a
 * user's `notes.md` or `export-json-2026.json` in the same folder is never touched.
 */
import { OUTPUT_KINDS, type OutputKind } from '../../../shared/tasks.js';
import { fileStamp } from '../time-format.js';

export interface OutputFormat {
  prefix: string;
  ext: 'md' | 'json';
}

export const OUTPUT_FORMATS: Record<OutputKind, OutputFormat> = {
  haiku: { prefix: 'generate-haiku', ext: 'md' },
  markdown: { prefix: 'export-markdown', ext: 'md' },
  json: { prefix: 'export-json', ext: 'json' },
};

const PATTERNS: Record<OutputKind, RegExp> = {
  haiku: /^generate-haiku-(\d{8})-(\d{6})(?:-(\d+))?\.md$/,
  markdown: /^export-markdown-(\d{8})-(\d{6})(?:-(\d+))?\.md$/,
  json: /^export-json-(\d{8})-(\d{6})(?:-(\d+))?\.json$/,
};


/** What a generated file's name says about it. */
export interface ParsedOutputName {
  kind: OutputKind;
  name: string;
  /** `YYYYMMDDHHMMSS`: sorts like the time it encodes. */
  stamp: string;
  /** 1 for the plain name, 2 for `-2`, … (the order of runs within one second). */
  sequence: number;
}

/** The parsed name, or null when it is not exactly one of our export names. */
export function parseOutputName(name: string): ParsedOutputName | null {
  for (const kind of OUTPUT_KINDS) {
    const match = PATTERNS[kind].exec(name);
    if (match) {
      return { kind, name, stamp: `${match[1]}${match[2]}`, sequence: match[3] ? Number(match[3]) : 1 };
    }
  }
  return null;
}

/** Newest first: later timestamp, then higher sequence number. */
export function compareNewestFirst(a: ParsedOutputName, b: ParsedOutputName): number {
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? 1 : -1;
  return b.sequence - a.sequence;
}

/** `generate-haiku-20260131-210157.md`, or with `-2`, `-3` … for later runs in the same second. */
export function outputName(kind: OutputKind, date: Date, sequence = 1): string {
  const { prefix, ext } = OUTPUT_FORMATS[kind];
  const suffix = sequence > 1 ? `-${sequence}` : '';
  return `${prefix}-${fileStamp(date)}${suffix}.${ext}`;
}

/** The local time a generated name encodes (the second it was started). */
export function dateFromStamp(stamp: string): Date {
  const n = (from: number, to: number) => Number(stamp.slice(from, to));
  return new Date(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14));
}
