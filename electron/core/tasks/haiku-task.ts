/**
 * The haiku task (DESIGN.md §2): five distinct albums drawn at random, one haiku each from
 * the HaikuWriter (EurIA with its local fallback), written in the seed's layout.
 */
import { randomInt } from 'node:crypto';
import type { HaikuLanguage } from '../../../shared/config.js';
import { english, msg, renderMessage } from '../../../shared/messages/index.js';
import type { Db } from '../collection/database.js';
import type { HaikuAlbum, HaikuBatch } from '../haiku/types.js';
import { writeOutputFile } from '../output/atomic-write.js';
import { frenchDateTime } from '../time-format.js';
import { displayNamesFromCollection } from './artist-names.js';
import { escapeMarkdownInline } from './markdown-escape.js';
import { UNKNOWN_ARTIST } from './markdown-export.js';
import type { TaskContext, TaskResult } from './types.js';

export const HAIKU_ALBUM_COUNT = 5;
export const EMPTY_COLLECTION = msg('skip.empty_haiku');
export const EMPTY_COLLECTION_MESSAGE = english(EMPTY_COLLECTION);

/**
 * `count` distinct albums chosen uniformly: distinct random offsets into the id order.
 * Each pick walks the primary key only (no full-table `ORDER BY random()` sort on 1M rows).
 */
export function pickRandomAlbums(db: Db, count: number): HaikuAlbum[] {
  const total = db.prepare('SELECT count(*) FROM albums').pluck().get() as number;
  const offsets = new Set<number>();
  const wanted = Math.min(count, total);
  while (offsets.size < wanted) offsets.add(randomInt(total));
  const albumAt = db.prepare<[number], { id: number; title: string; year: number | null }>(
    'SELECT id, title, year FROM albums ORDER BY id LIMIT 1 OFFSET ?',
  );
  const creditsOf = db
    .prepare<[number], string>(
      `SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id
       WHERE aa.album_id = ? ORDER BY aa.position`,
    )
    .pluck();
  const albums: HaikuAlbum[] = [];
  for (const offset of offsets) {
    const row = albumAt.get(offset);
    if (!row) continue;
    albums.push({ id: row.id, title: row.title, year: row.year, artists: displayNamesFromCollection(db, creditsOf.all(row.id)) });
  }
  return albums;
}

/** A fence longer than any backtick run in the lines, so a haiku can never close it early. */
function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `language`: the haiku language, which the fallback notes are written in too. */
export function renderHaikuFile(now: Date, albums: HaikuAlbum[], batch: HaikuBatch, language: HaikuLanguage): string {
  let text = `# 🎵 Haikus Générés - Sélection Aléatoire\n\nGénéré: ${frenchDateTime(now)}\n\n`;
  albums.forEach((album, i) => {
    const haiku = batch.haikus[i];
    if (!haiku) throw new Error(`the haiku writer returned ${batch.haikus.length} haikus for ${albums.length} albums`);
    const artists = album.artists.length > 0 ? album.artists : [UNKNOWN_ARTIST];
    const lines = haiku.lines.map((line) => line.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    const fence = fenceFor(lines);
    text += `## ${i + 1}. ${escapeMarkdownInline(album.title)} - ${artists.map(escapeMarkdownInline).join(', ')}\n\n`;
    text += `${fence}\n${lines.join('\n')}\n${fence}\n`;
    if (haiku.fallbackReason !== null) {
      text += `_(${escapeMarkdownInline(renderMessage(msg('haiku.fallback_note', { reason: haiku.fallbackReason }), language))})_\n`;
    }
    text += '\n';
  });
  return text;
}

export async function runHaikuTask(ctx: TaskContext): Promise<TaskResult> {
  const now = ctx.clock.now();
  const albums = pickRandomAlbums(ctx.db, HAIKU_ALBUM_COUNT);
  if (albums.length === 0) {
    return { status: 'skipped', file: null, albumCount: 0, warnings: [], message: EMPTY_COLLECTION };
  }
  const batch = await ctx.haiku.write(albums, ctx.haikuLanguage, ctx.signal);
  const text = renderHaikuFile(now, albums, batch, ctx.haikuLanguage);
  const file = await writeOutputFile({ dir: ctx.outputDir, kind: 'haiku', date: now, signal: ctx.signal }, async (out) => {
    out.push(text);
  });
  return { status: 'completed', file, albumCount: albums.length, warnings: [...batch.warnings] };
}
