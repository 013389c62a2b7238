/**
 * The window's sections, as a desktop settings window has them: one at a time, chosen in a
 * sidebar (tabs). The open one is kept in the URL's hash, so a reload or a link
 * (`#collection`) opens it again.
 */
export const TAB_IDS = ['tasks', 'files', 'collection', 'euria', 'application'] as const;
export type TabId = (typeof TAB_IDS)[number];

export const DEFAULT_TAB: TabId = 'tasks';

/** The tab a hash names ("#files", "files"), or the default one. */
export function tabFromHash(hash: string): TabId {
  const name = hash.replace(/^#/, '');
  return (TAB_IDS as readonly string[]).includes(name) ? (name as TabId) : DEFAULT_TAB;
}

/** The tab the arrow/Home/End key moves to from `current`, or null for any other key. */
export function tabAfterKey(current: TabId, key: string): TabId | null {
  const index = TAB_IDS.indexOf(current);
  const last = TAB_IDS.length - 1;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return TAB_IDS[index === last ? 0 : index + 1] ?? null;
    case 'ArrowUp':
    case 'ArrowLeft':
      return TAB_IDS[index === 0 ? last : index - 1] ?? null;
    case 'Home':
      return TAB_IDS[0];
    case 'End':
      return TAB_IDS[last] ?? null;
    default:
      return null;
  }
}
