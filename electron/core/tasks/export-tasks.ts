/** The two collection exports: each streams from a read snapshot into an atomically published file. */
import { english, msg } from '../../../shared/messages/index.js';
import { writeOutputFile } from '../output/atomic-write.js';
import { isoLocal } from '../time-format.js';
import { holdYoungGeneration } from './heap-bound.js';
import { writeJsonExport } from './json-export.js';
import { openAlbumPages } from './json-pages.js';
import { writeMarkdownExport } from './markdown-export.js';
import { openMarkdownSource } from './markdown-source.js';
import { withReadSnapshot } from './read-snapshot.js';
import type { TaskContext, TaskResult } from './types.js';

export const DEFAULT_LOCALE = 'fr';

/** Why an export of an empty collection writes nothing (as the original AIME did). */
export const EMPTY_EXPORT = msg('skip.empty_export');
export const EMPTY_EXPORT_MESSAGE = english(EMPTY_EXPORT);

/** A 0-album file is noise, and retention would let it push a real export out. */
function skippedWhenEmpty(ctx: TaskContext): TaskResult | null {
  const any = ctx.db.prepare('SELECT EXISTS (SELECT 1 FROM albums)').pluck().get() as number;
  return any ? null : { status: 'skipped', file: null, albumCount: 0, warnings: [], message: EMPTY_EXPORT };
}

export async function runJsonExport(ctx: TaskContext): Promise<TaskResult> {
  const empty = skippedWhenEmpty(ctx);
  if (empty) return empty;
  const now = ctx.clock.now();
  let albumCount = 0;
  const file = await withReadSnapshot(ctx.db, async (reader) => {
    const pages = openAlbumPages(ctx.db, reader, ctx.log);
    try {
      return await writeOutputFile({ dir: ctx.outputDir, kind: 'json', date: now, signal: ctx.signal }, async (out) => {
        albumCount = await writeJsonExport(reader, out, isoLocal(now), ctx.signal, pages);
      });
    } finally {
      await pages.close();
    }
  });
  return { status: 'completed', file, albumCount, warnings: [] };
}

export async function runMarkdownExport(ctx: TaskContext): Promise<TaskResult> {
  const empty = skippedWhenEmpty(ctx);
  if (empty) return empty;
  const now = ctx.clock.now();
  let albumCount = 0;
  const locale = ctx.locale ?? DEFAULT_LOCALE;
  const file = await withReadSnapshot(ctx.db, async (reader) => {
    const source = openMarkdownSource(ctx.db, reader, { locale, log: ctx.log });
    const releaseYoung = holdYoungGeneration(); // once the worker has started: see heap-bound.ts
    try {
      return await writeOutputFile({ dir: ctx.outputDir, kind: 'markdown', date: now, signal: ctx.signal }, async (out) => {
        albumCount = await writeMarkdownExport(reader, source, out, { now, locale, signal: ctx.signal });
      });
    } finally {
      releaseYoung();
      await source.close();
    }
  });
  return { status: 'completed', file, albumCount, warnings: [] };
}
