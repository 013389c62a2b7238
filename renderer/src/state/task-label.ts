/**
 * The tasks' labels carry the seed's emoji ("🎋 Haïkus"). The emoji is decoration: names read
 * by assistive technology ("Heure — Haïkus") and alt text use the words alone.
 */
const LEADING_EMOJI = /^(?:\p{Extended_Pictographic}\uFE0F?\s*)+/u;

export function taskName(label: string): string {
  return label.replace(LEADING_EMOJI, '').trim() || label;
}

/** The emoji part of a label, or '' when there is none. */
export function taskEmoji(label: string): string {
  return (LEADING_EMOJI.exec(label)?.[0] ?? '').trim();
}
