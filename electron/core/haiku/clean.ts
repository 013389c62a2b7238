/**
 * Turns what a chat model replied into the three lines of a haiku, or null when it cannot:
 * models "think" aloud, wrap poems in code fences or quotes, number the lines and add
 * chatter ("Voici un haïku :", "I hope you like it!") around them.
 */

/** Longest line we accept: a haiku line is short; anything longer is prose. */
export const MAX_LINE_LENGTH = 80;

/** Removes `<think>…</think>` blocks; an unterminated one hides everything after it, a lone `</think>` everything before. */
export function stripThinking(text: string): string {
  let out = text.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '');
  const open = out.search(/<think(?:ing)?>/i);
  if (open >= 0) out = out.slice(0, open);
  const close = out.search(/<\/think(?:ing)?>/i);
  if (close >= 0) out = out.slice(close).replace(/^<\/think(?:ing)?>/i, '');
  return out;
}

const CHATTER_START =
  /^(voici|voilà|bien sûr|bien sur|certainement|avec plaisir|d'accord|j'espère|j’espère|en voici|ce haïku|ce haiku|here(?:'s| is| are)|sure|certainly|of course|okay|ok[,!.]|i hope|hope you|this haiku|enjoy|note\s*:|explication|explanation|haïku\b|haiku\b|title\b|titre\b)/i;

/** A line that talks about the poem instead of being part of it. */
export function isChatter(line: string): boolean {
  const text = line.trim();
  if (CHATTER_START.test(text)) return true;
  if (/[:：]$/.test(text)) return true; // "Voici mon poème :" / "Here it is:"
  if (/^\(.*\)$/.test(text)) return true; // "(5-7-5)"
  if (/\b\d\s*[-/–]\s*7\s*[-/–]\s*\d\b/.test(text)) return true; // "5-7-5" explanations
  if (/^#+\s/.test(text)) return true; // Markdown headings used as titles
  return false;
}

const QUOTE_PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
  ["'", "'"],
  ['‘', '’'],
  ['„', '“'],
];

function unquote(text: string): string {
  let out = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [open, close] of QUOTE_PAIRS) {
      if (out.length >= 2 && out.startsWith(open) && out.endsWith(close)) {
        out = out.slice(open.length, out.length - close.length).trim();
        changed = true;
      }
    }
    const emphasis = /^(\*{1,3}|_{1,3})(.+)\1$/.exec(out);
    if (emphasis?.[2]) {
      out = emphasis[2].trim();
      changed = true;
    }
  }
  return out;
}

/** Outer quotes around the whole poem, only when they are the sole quotes of that kind (not per-line quotes). */
function unquoteWhole(text: string): string {
  const trimmed = text.trim();
  for (const [open, close] of QUOTE_PAIRS) {
    const count = (mark: string) => trimmed.split(mark).length - 1;
    const single = open === close ? count(open) === 2 : count(open) === 1 && count(close) === 1;
    if (single && trimmed.length >= 2 && trimmed.startsWith(open) && trimmed.endsWith(close)) {
      return trimmed.slice(open.length, trimmed.length - close.length);
    }
  }
  return trimmed;
}

function cleanLine(line: string): string {
  let out = line.trim();
  out = out.replace(/^>\s*/, ''); // Markdown blockquote
  out = out.replace(/^(?:\d{1,2}\s*[.)\]:-]|[-*•·–—]|vers\s*\d+\s*[:.-]|line\s*\d+\s*[:.-])\s+/i, '');
  out = out.replace(/`+/g, '');
  return unquote(out).replace(/\s+/g, ' ').trim();
}

/** A poem line: some letters, not too long, not chatter. */
export function isSensibleLine(line: string): boolean {
  return line.length > 0 && line.length <= MAX_LINE_LENGTH && /\p{L}/u.test(line) && !isChatter(line);
}

export function cleanHaikuReply(reply: string): [string, string, string] | null {
  const withoutThinking = stripThinking(reply);
  const withoutFences = withoutThinking
    .split(/\r?\n/)
    .filter((line) => !/^\s*(```|~~~)/.test(line))
    .join('\n');
  // A poem quoted as a whole ("line1\nline2\nline3") loses its outer quotes first.
  let lines = unquoteWhole(withoutFences)
    .split('\n')
    .map(cleanLine)
    .filter((line) => line.length > 0);
  // Chatter is only tolerated around the poem, not inside it.
  while (lines.length > 0 && isChatter(lines[0]!)) lines = lines.slice(1);
  while (lines.length > 0 && isChatter(lines[lines.length - 1]!)) lines = lines.slice(0, -1);
  if (lines.length === 1 && lines[0]!.split(' / ').length === 3) lines = lines[0]!.split(' / ').map(cleanLine);
  if (lines.length !== 3 || !lines.every(isSensibleLine)) return null;
  return [lines[0]!, lines[1]!, lines[2]!];
}
