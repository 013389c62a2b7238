import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { localHaiku } from '../haiku/local.js';
import { executeTask, EMPTY_COLLECTION } from './index.js';
import { msg } from '../../../shared/messages/index.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createTestDb, insertAlbums, testContext, type TestAlbum } from '../../../test/support/test-collection.js';

let dir: string;
let out: string;
let db: Db;
const clock = createFakeClock(new Date(2026, 0, 31, 21, 1, 57));

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
  db = createTestDb(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADING = /^## (\d+)\. (.*)$/gm;

describe('haiku task', () => {
  it("writes the seed's layout for every album when there are fewer than five, with the fallback note", async () => {
    const albums: TestAlbum[] = [
      { id: 1, title: '461 Ocean Boulevard', year: 1974, artists: ['Eric Clapton'] },
      { id: 2, title: 'Classic Sinatra', year: null, artists: ['Frank Sinatra'] },
      { id: 3, title: 'Bruit', year: 1989, artists: ['Sonic Boom (2)', 'Spacemen 3'] },
    ];
    insertAlbums(db, albums);
    const { ctx } = testContext(db, out, clock);
    const outcome = await executeTask('generate_haiku_scheduled', ctx);
    expect(outcome.status).toBe('completed');
    expect(outcome.albumCount).toBe(3);
    expect(path.basename(outcome.file!)).toBe('generate-haiku-20260131-210157.md');
    expect(outcome.warnings).toEqual([msg('warning.haiku_fallback', { n: 3, total: 3, reason: msg('fallback.not_configured') })]);
    const text = fs.readFileSync(outcome.file!, 'utf8');

    // The albums come in random order: rebuild the exact file from the order written.
    const shown: Record<string, { title: string; artists: string[]; year: number | null; id: number }> = {
      '461 Ocean Boulevard - Eric Clapton': { id: 1, title: '461 Ocean Boulevard', artists: ['Eric Clapton'], year: 1974 },
      'Classic Sinatra - Frank Sinatra': { id: 2, title: 'Classic Sinatra', artists: ['Frank Sinatra'], year: null },
      'Bruit - Sonic Boom, Spacemen 3': { id: 3, title: 'Bruit', artists: ['Sonic Boom', 'Spacemen 3'], year: 1989 },
    };
    const order = [...text.matchAll(HEADING)].map((m) => m[2]!);
    expect([...order].sort()).toEqual(Object.keys(shown).sort());
    let expected = '# 🎵 Haikus Générés - Sélection Aléatoire\n\nGénéré: 31/01/2026 21:01:57\n\n';
    order.forEach((heading, i) => {
      const lines = localHaiku(shown[heading]!, 'fr');
      expected += `## ${i + 1}. ${heading}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n_(haïku de secours : EurIA n’est pas configuré)_\n\n`;
    });
    expect(text).toBe(expected);
  });

  it('says why a haiku was written offline in the haiku language, in plain words', async () => {
    insertAlbums(db, [{ id: 1, title: 'Bruit', year: 1989, artists: ['Spacemen 3'] }]);
    const english = await executeTask('generate_haiku_scheduled', testContext(db, out, clock, { haikuLanguage: 'en' }).ctx);
    expect(text(english.file!)).toContain('\n_(offline haiku: EurIA is not set up)_\n');
    expect(text(english.file!)).not.toContain('secours');
    clock.advance(1000);
    const french = await executeTask('generate_haiku_scheduled', testContext(db, out, clock).ctx);
    expect(text(french.file!)).toContain('\n_(haïku de secours : EurIA n’est pas configuré)_\n');
  });

  it('picks five distinct albums, differently from run to run', async () => {
    insertAlbums(
      db,
      Array.from({ length: 40 }, (_, i) => ({ id: i + 1, title: `Album ${i + 1}`, year: 1960 + i, artists: [`Artist ${i % 9}`] })),
    );
    const seen = new Set<string>();
    for (let run = 0; run < 6; run++) {
      const { ctx } = testContext(db, out, clock, { maxFilesPerType: 50 });
      const outcome = await executeTask('generate_haiku_scheduled', ctx);
      expect(outcome.albumCount).toBe(5);
      const titles = [...fs.readFileSync(outcome.file!, 'utf8').matchAll(HEADING)].map((m) => m[2]!.split(' - ')[0]!);
      expect(titles).toHaveLength(5);
      expect(new Set(titles).size).toBe(5);
      expect([...text(outcome.file!).matchAll(HEADING)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5]);
      titles.forEach((t) => seen.add(t));
    }
    // Six runs of five among forty: the same five every time would mean no randomness.
    expect(seen.size).toBeGreaterThan(5);
  });

  it('keeps a suffix when dropping it would make two artists read the same', async () => {
    insertAlbums(db, [
      { id: 1, title: 'One', artists: ['Sonic Boom (2)'] },
      { id: 2, title: 'Two', artists: ['Sonic Boom'] },
    ]);
    const { ctx } = testContext(db, out, clock);
    const outcome = await executeTask('generate_haiku_scheduled', ctx);
    const headings = [...text(outcome.file!).matchAll(HEADING)].map((m) => m[2]).sort();
    expect(headings).toEqual(['One - Sonic Boom (2)', 'Two - Sonic Boom']);
  });

  it('is skipped with a message and writes no file when the collection is empty', async () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'generate-haiku-20200101-000000.md'), 'old');
    const { ctx } = testContext(db, out, clock, { maxFilesPerType: 1 });
    fs.writeFileSync(path.join(out, 'generate-haiku-20200102-000000.md'), 'old');
    const outcome = await executeTask('generate_haiku_scheduled', ctx);
    expect(outcome).toEqual({
      status: 'skipped',
      file: null,
      albumCount: 0,
      warnings: [],
      message: EMPTY_COLLECTION,
      deleted: [],
    });
    expect(fs.readdirSync(out).sort()).toEqual(['generate-haiku-20200101-000000.md', 'generate-haiku-20200102-000000.md']);
  });
});

function text(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
