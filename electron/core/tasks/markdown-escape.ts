/**
 * Escapes stored text for an inline Markdown context (a heading, or between `**`) so that a
 * CommonMark renderer shows exactly the stored characters. Escapes only what could be read
 * as syntax, so ordinary titles stay readable in a text editor ("T.V. Sky", "AC/DC").
 */

/** Characters that start or end inline syntax (emphasis, code, links, HTML, strikethrough, headings). */
const SPECIAL = /[\\`*_[\]<>#~|]/g;
/** `&amp;`, `&#38;`, `&#x26;` would be decoded as entities; a bare `&` is safe. */
const ENTITY_LIKE = /&(?=#?[0-9A-Za-z]+;)/g;
/** Line breaks and other controls cannot be written literally inside one line. */
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Renderers trim the ends of a heading, and emphasis cannot start or end with (Unicode) space. */
const EDGE_SPACES = /^\s+|\s+$/g;

/** Anything any rule above could touch; most titles have none and are returned as they are. */
const ANYTHING = /[\\`*_[\]<>#~|&\u0000-\u001f\u007f]|^\s|\s$/;

export function escapeMarkdownInline(text: string): string {
  if (!ANYTHING.test(text)) return text;
  return text
    .replace(SPECIAL, '\\$&')
    .replace(ENTITY_LIKE, '\\&')
    .replace(CONTROL, (c) => `&#${c.charCodeAt(0)};`)
    .replace(EDGE_SPACES, (spaces) => [...spaces].map((c) => `&#${c.codePointAt(0)};`).join(''));
}
