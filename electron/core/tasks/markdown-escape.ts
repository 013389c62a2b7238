/**
 * Escapes stored text for an inline Markdown context (a heading, between `**`, or between the
 * brackets of `[Support]`) so that a CommonMark renderer shows exactly the stored characters,
 * while the file stays readable raw: the seed wants files read in any text editor, so a
 * character is escaped only where CommonMark would otherwise read it as syntax.
 * "[2015 Remaster]" and "Beak>" stay as they are: brackets make a link only before "(" or "["
 * (the files define no link references), and ">" only quotes at the start of a line, where
 * stored text never stands (every context starts with fixed text: "- **", "## 🎤 ", "## 1. ").
 */

/** ASCII punctuation: what a backslash can escape (CommonMark 2.4). */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isAlphanumeric = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** True when `text[i]` (a syntax character) must be escaped for the text to render as itself. */
function needsEscape(text: string, i: number): boolean {
  const c = text[i] as string;
  const before = text[i - 1];
  const after = text[i + 1];
  switch (c) {
    case '`':
      // Any two backtick runs on the line (title and support share one) make a code span.
      return true;
    case '*':
      // Surrounded by spaces it can neither open nor close emphasis; anywhere else it might.
      return !(isSpace(before) && isSpace(after)) || before === undefined || after === undefined;
    case '_':
      // Inside a word ("snake_case") or between spaces it is literal (CommonMark 6.2).
      if (isAlphanumeric(before) && isAlphanumeric(after)) return false;
      return !(before !== undefined && after !== undefined && isSpace(before) && isSpace(after));
    case '~':
      // Strikethrough (GFM, markdown-it's default) needs a run of two.
      return before === '~' || after === '~';
    case ']':
      // "](" starts a link destination, "][" a reference; a lone "]" is text.
      return after === '(' || after === '[';
    case '<':
      // "<a…", "</…", "<!…", "<?…" may be HTML or an autolink; "a < b" or "<3" is text.
      return after !== undefined && /[A-Za-z/!?]/.test(after);
    case '#': {
      // Only a heading's closing sequence ("Title #") is syntax: a run of "#" at the very end
      // after a space, or the whole text. Escaping the run's first "#" breaks it.
      const rest = text.slice(i);
      return /^#+$/.test(rest) && (before === undefined || isSpace(before));
    }
    default:
      return false;
  }
}

/** `&amp;`, `&#38;`, `&#x26;` would be decoded as entities; a bare `&` is safe. */
const ENTITY_LIKE = /^&#?[0-9A-Za-z]+;/;
/** Line breaks and other controls cannot be written literally inside one line. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Anything any rule above could touch; most titles have none and are returned as they are. */
const ANYTHING = /[\\`*_\]<#~&\u0000-\u001f\u007f]|^\s|\s$/;

export function escapeMarkdownInline(text: string): string {
  if (!ANYTHING.test(text)) return text;
  const chars = [...text];
  // Renderers trim a heading's ends, and emphasis cannot start or end with (Unicode) space.
  let lead = 0;
  while (lead < chars.length && /\s/u.test(chars[lead] as string)) lead += 1;
  let tail = chars.length;
  while (tail > lead && /\s/u.test(chars[tail - 1] as string)) tail -= 1;
  const reference = (c: string) => `&#${c.codePointAt(0)};`;
  const pieces: string[] = [];
  let index = 0; // position in `text` (UTF-16), for the neighbour checks
  for (let k = 0; k < chars.length; k += 1) {
    const c = chars[k] as string;
    if (k < lead || k >= tail || CONTROL.test(c)) pieces.push(reference(c));
    else if (c === '&' && ENTITY_LIKE.test(text.slice(index))) pieces.push('\\&');
    else if (c !== '\\' && c.length === 1 && needsEscape(text, index)) pieces.push(`\\${c}`);
    else pieces.push(c);
    index += c.length;
  }
  // A backslash escapes whatever punctuation is written after it, including an escape or a
  // character reference put there above, or the context's own "**" / "]" at the end.
  for (let k = pieces.length - 1; k >= 0; k -= 1) {
    if (pieces[k] !== '\\') continue;
    const next = pieces[k + 1]?.[0];
    if (next === undefined || ASCII_PUNCTUATION.test(next)) pieces[k] = '\\\\';
  }
  return pieces.join('');
}
