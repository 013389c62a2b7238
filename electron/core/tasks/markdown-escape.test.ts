/**
 * Both ways: the raw file reads like the stored text (no needless backslash), and markdown-it
 * renders exactly the stored text, in every context the exports write stored text into.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline as esc } from './markdown-escape.js';

const RENDERERS = [new MarkdownIt(), new MarkdownIt({ html: true }), new MarkdownIt('commonmark')];

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** The one inline token of a one-line document, and the plain text its children show. */
function inlineOf(md: InstanceType<typeof MarkdownIt>, line: string): { children: Token[]; text: string } {
  const inline = md.parse(line, {}).filter((t) => t.type === 'inline');
  expect(inline, line).toHaveLength(1);
  const children = (inline[0]!.children ?? []).filter((c) => !(c.type === 'text' && c.content === ''));
  return { children, text: children.map((c) => (c.type === 'text' || c.type === 'text_special' ? c.content : `<${c.type}>`)).join('') };
}

/** Renders `value` in each of the exports' contexts and checks that it shows as itself. */
function expectRendersAsItself(value: string, support = 'Vinyle'): void {
  for (const md of RENDERERS) {
    // Markdown export: an album line (title and support share the line) and an artist heading.
    const item = inlineOf(md, `- **${esc(value)}** (1999) [${esc(support)}]`);
    expect(item.children[0]?.type, value).toBe('strong_open');
    const close = item.children.findIndex((c) => c.type === 'strong_close');
    const inside = item.children.slice(1, close);
    expect(inside.every((c) => c.type === 'text'), `${value}: ${inside.map((c) => c.type).join()}`).toBe(true);
    expect(inside.map((c) => c.content).join('')).toBe(value);
    const rest = item.children.slice(close + 1);
    expect(rest.every((c) => c.type === 'text'), value).toBe(true);
    expect(rest.map((c) => c.content).join('')).toBe(` (1999) [${support}]`);

    const heading = md.parse(`## 🎤 ${esc(value)}`, {});
    expect(heading[0]?.type).toBe('heading_open');
    expect(inlineOf(md, `## 🎤 ${esc(value)}`).text, value).toBe(`🎤 ${value}`);
    // Haiku file: "## 1. Title - Artist".
    expect(inlineOf(md, `## 1. ${esc(value)} - ${esc(support)}`).text, value).toBe(`1. ${value} - ${support}`);
  }
}

const TRICKY = [
  'Beak>',
  'Sgt. Pepper [2015 Remaster]',
  '[2015 Remaster]',
  '*Starred*',
  'a*b*c',
  '2 * 3',
  '_under_',
  'snake_case_title',
  '`tick`',
  'one ` tick',
  '# Leading hash',
  'Trailing #',
  'C# Minor',
  '###',
  '1. Not a list',
  '- dash',
  '+ plus',
  '> quote',
  'trailing spaces   ',
  '   leading',
  '<tag>',
  '</close>',
  '<3 love',
  'a < b > c',
  'AT&amp;T &#38; &#x26; &copy',
  'Simon & Garfunkel',
  '[link](http://x.example)',
  '![img](y.png)',
  '[ref][x]',
  'Back\\slash',
  'ends with \\',
  '\\*not emphasis\\*',
  '~~strike~~ ~one~',
  '**',
  'Pipe | Line',
  'Line\nbreak\ttab',
  '\u00a0nbsp\u00a0',
  '東京 Ψυχή Straße',
  'Emoji 🎵',
];

describe('escapeMarkdownInline', () => {
  it('leaves titles that CommonMark would not misread exactly as they are (readable raw)', () => {
    for (const title of [
      'Beak>',
      'Sgt. Pepper [2015 Remaster]',
      '[2015 Remaster]',
      'T.V. Sky',
      'AC/DC - Back In Black (Live!)',
      'Simon & Garfunkel',
      '2 * 3',
      'snake_case_title',
      'C# Minor',
      '# Leading hash',
      '1. Not a list',
      '- dash',
      '+ plus',
      '> quote',
      'a < b > c',
      'Pipe | Line',
      '<3 love',
      'Back\\slash',
      '~one~',
      'Emoji 🎵',
    ]) {
      expect(esc(title), title).toBe(title);
    }
  });

  it('escapes only the characters that would be syntax', () => {
    expect(esc('*Starred*')).toBe('\\*Starred\\*');
    expect(esc('_under_')).toBe('\\_under\\_');
    expect(esc('`tick`')).toBe('\\`tick\\`');
    expect(esc('Trailing #')).toBe('Trailing \\#');
    expect(esc('[link](http://x.example)')).toBe('[link\\](http://x.example)');
    expect(esc('<tag>')).toBe('\\<tag>');
    expect(esc('AT&amp;T')).toBe('AT\\&amp;T');
    expect(esc('ends with \\')).toBe('ends with \\\\');
    expect(esc('~~strike~~')).toBe('\\~\\~strike\\~\\~');
    expect(esc(' x ')).toBe('&#32;x&#32;');
  });

  it('renders every tricky title as itself, in every context, with markdown-it', () => {
    for (const title of TRICKY) expectRendersAsItself(title);
    // Title and support share a line: syntax split between them must not pair up.
    for (const [title, support] of [
      ['a `b', 'c` d'],
      ['x *y', 'z* w'],
      ['[a', 'b](c)'],
      ['<a', 'b>'],
      ['_x', 'y_'],
    ] as const) {
      expectRendersAsItself(title, support);
    }
  });

  it('renders as itself for every short string over an alphabet of syntax characters', () => {
    // Deterministic and exhaustive up to length 3 over the characters that matter, plus a
    // longer pseudo-random sample: the rules are local, so short strings cover most pairings.
    const alphabet = ['a', ' ', '*', '_', '`', '[', ']', '(', ')', '<', '>', '#', '\\', '&', ';', '~', '!', '1', '.'];
    const strings: string[] = [];
    for (const a of alphabet) for (const b of alphabet) strings.push(`${a}${b}`, `x${a}${b}x`);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 800; n += 1) {
      const length = 3 + Math.floor(random() * 8);
      strings.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
    for (const value of strings) {
      if (value.trim() === '') continue;
      expectRendersAsItself(value);
    }
  });
});
