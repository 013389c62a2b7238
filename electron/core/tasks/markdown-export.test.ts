import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { EMPTY_EXPORT } from './export-tasks.js';
import { executeTask } from './index.js';
import { displayNames } from './artist-names.js';
import { escapeMarkdownInline } from './markdown-escape.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createTestDb, insertAlbums, testContext, type TestAlbum } from '../../../test/support/test-collection.js';

let dir: string;
let out: string;
let db: Db;
const clock = createFakeClock(new Date(2026, 0, 31, 21, 2, 16));

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
  db = createTestDb(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exportMarkdown(): Promise<{ file: string; text: string; albumCount: number }> {
  const { ctx } = testContext(db, out, clock);
  const outcome = await executeTask('export_collection_markdown', ctx);
  expect(outcome.status).toBe('completed');
  return { file: outcome.file!, text: fs.readFileSync(outcome.file!, 'utf8'), albumCount: outcome.albumCount };
}

describe('Markdown export', () => {
  it("writes the seed's header and lines, artists by collator, albums by year then title", async () => {
    const albums: TestAlbum[] = [
      { id: 1, title: 'Moon Safari', year: 1998, support: 'Vinyle', artists: ['AIR'] },
      { id: 2, title: 'Talkie Walkie', year: 2004, support: 'Vinyle', artists: ['AIR'] },
      { id: 3, title: 'The Virgin Suicides Redux', year: 2025, support: 'Vinyle', artists: ['AIR'] },
      { id: 4, title: 'Live From The Astroturf', year: 2022, support: 'Vinyle', artists: ['Alice Cooper'] },
      { id: 5, title: 'The Revenge Of Alice Cooper', year: 2025, support: 'Vinyle', artists: ['Alice Cooper'] },
      { id: 6, title: 'Éclipse', artists: ['élodie'] },
      { id: 7, title: 'Zèbre', year: 2001, support: 'CD', artists: ['Eric', 'AIR'] },
      { id: 8, title: 'Sans artiste', year: 1990 },
      { id: 9, title: 'beta', year: 2001, support: 'Digital', artists: ['AIR'] },
      { id: 10, title: 'Alpha', year: 2001, artists: ['AIR'] },
      { id: 11, title: 'Bruit', year: 1989, support: 'Cassette', artists: ['Sonic Boom (2)'] },
      { id: 12, title: 'Playing with Fire', year: 1989, artists: ['Spacemen 3'] },
      { id: 13, title: 'Homonyme', year: 2010, artists: ['Spacemen 3 (2)'] },
      { id: 14, title: 'Sans date', artists: ['zed'] },
      { id: 15, title: 'Avec date', year: 2020, support: '', artists: ['zed'] },
      { id: 16, title: 'Inconnu aussi' },
    ];
    insertAlbums(db, albums);
    const { file, text, albumCount } = await exportMarkdown();
    expect(path.basename(file)).toBe('export-markdown-20260131-210216.md');
    expect(albumCount).toBe(16);
    expect(text).toBe(
      [
        '# 📚 Collection Complète',
        '',
        'Exporté: 31/01/2026 21:02:16',
        'Total albums: 16',
        '',
        '## 🎤 AIR',
        '',
        '- **The Virgin Suicides Redux** (2025) [Vinyle]',
        '- **Talkie Walkie** (2004) [Vinyle]',
        '- **Alpha** (2001)',
        '- **beta** (2001) [Digital]',
        '- **Zèbre** (2001) [CD]',
        '- **Moon Safari** (1998) [Vinyle]',
        '',
        '## 🎤 Alice Cooper',
        '',
        '- **The Revenge Of Alice Cooper** (2025) [Vinyle]',
        '- **Live From The Astroturf** (2022) [Vinyle]',
        '',
        '## 🎤 élodie',
        '',
        '- **Éclipse**',
        '',
        '## 🎤 Eric',
        '',
        '- **Zèbre** (2001) [CD]',
        '',
        '## 🎤 Sonic Boom',
        '',
        '- **Bruit** (1989) [Cassette]',
        '',
        '## 🎤 Spacemen 3',
        '',
        '- **Playing with Fire** (1989)',
        '',
        '## 🎤 Spacemen 3 (2)',
        '',
        '- **Homonyme** (2010)',
        '',
        '## 🎤 zed',
        '',
        '- **Avec date** (2020)',
        '- **Sans date**',
        '',
        '## 🎤 Artiste inconnu',
        '',
        '- **Sans artiste** (1990)',
        '- **Inconnu aussi**',
        '',
      ].join('\n'),
    );
  });

  it('is skipped with a clear reason and writes no 0-album file for an empty collection', async () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'export-markdown-20200101-000000.md'), 'old');
    const { ctx } = testContext(db, out, clock, { maxFilesPerType: 1 });
    const outcome = await executeTask('export_collection_markdown', ctx);
    expect(outcome).toMatchObject({ status: 'skipped', file: null, albumCount: 0, message: EMPTY_EXPORT, deleted: [] });
    expect(fs.readdirSync(out)).toEqual(['export-markdown-20200101-000000.md']);
  });

  it('renders every stored title and artist name exactly (markdown-it round trip)', async () => {
    const specials = [
      '*Starred*',
      '_under_',
      '[Brackets]',
      'A # Sharp',
      'Pipe | Line',
      'Back\\slash',
      '`tick`',
      '<html>',
      'Quote "this"',
      'Emoji 🎵',
      '   spaced   ',
      '東京 Ψυχή Straße',
      'AT&amp;T &#38; &copy',
      '~~strike~~ ~one~',
      'Trailing #',
      '## Heading',
      'Line\nbreak\ttab',
      '\u00a0nbsp\u00a0',
      '**',
      '[link](http://x.example) ![img](y.png)',
      'http://autolink.example <a@b.c>',
      '1. Not a list',
      '- dash',
      '> quote',
      'a_b_c 2*3*4',
    ];
    const albums: TestAlbum[] = specials.map((title, i) => ({
      id: i + 1,
      title,
      year: 2000 + i,
      support: specials[(i + 3) % specials.length],
      artists: [`${specials[(i + 7) % specials.length]} ${i}`],
    }));
    insertAlbums(db, albums);
    const { text } = await exportMarkdown();
    for (const md of [new MarkdownIt(), new MarkdownIt({ html: true }), new MarkdownIt('commonmark')]) {
      const tokens = md.parse(text, {});
      const headings: string[] = [];
      const items: Array<{ title: string; rest: string }> = [];
      tokens.forEach((token, i) => {
        if (token.type !== 'inline') return;
        // markdown-it may start a line with an empty text token; it shows nothing.
        const children = (token.children ?? []).filter((c) => !(c.type === 'text' && c.content === ''));
        const previous = tokens[i - 1]!;
        if (previous.type === 'heading_open' && previous.tag === 'h2') {
          expect(children.every((c) => c.type === 'text')).toBe(true);
          headings.push(children.map((c) => c.content).join(''));
        } else if (tokens[i - 2]?.type === 'list_item_open') {
          const open = children.findIndex((c) => c.type === 'strong_open');
          const close = children.findIndex((c) => c.type === 'strong_close');
          expect(open).toBe(0);
          const inside = children.slice(open + 1, close);
          expect(inside.every((c) => c.type === 'text')).toBe(true);
          items.push({ title: inside.map((c) => c.content).join(''), rest: children.slice(close + 1).map((c) => c.content).join('') });
        }
      });
      expect(headings.sort()).toEqual(albums.map((a) => `🎤 ${a.artists![0]}`).sort());
      expect(items.map((item) => item.title).sort()).toEqual([...specials].sort());
      for (const album of albums) {
        const item = items.find((it) => it.title === album.title)!;
        expect(item.rest).toBe(` (${album.year}) [${album.support}]`);
      }
    }
  });

  it('escapes only what could be read as syntax', () => {
    expect(escapeMarkdownInline('T.V. Sky')).toBe('T.V. Sky');
    expect(escapeMarkdownInline('AC/DC - Back In Black (Live!)')).toBe('AC/DC - Back In Black (Live!)');
    expect(escapeMarkdownInline('Simon & Garfunkel')).toBe('Simon & Garfunkel');
    expect(escapeMarkdownInline('*Starred*')).toBe('\\*Starred\\*');
    expect(escapeMarkdownInline(' x ')).toBe('&#32;x&#32;');
  });
});

describe('artist display names', () => {
  it('drops a disambiguation suffix unless two artists would then read the same', () => {
    expect(displayNames(['Sonic Boom (2)', 'AIR', 'Spacemen 3', 'Spacemen 3 (2)', 'X (2)', 'X (3)', 'Boney M. (Remix)'])).toEqual([
      'Sonic Boom',
      'AIR',
      'Spacemen 3',
      'Spacemen 3 (2)',
      'X (2)',
      'X (3)',
      'Boney M. (Remix)',
    ]);
  });
});
