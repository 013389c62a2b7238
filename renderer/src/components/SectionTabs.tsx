import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/context.js';
import { TAB_IDS, tabAfterKey, type TabId } from '../state/tabs.js';

const ICONS: Record<TabId, ReactNode> = {
  tasks: <path d="M4 6h10M4 12h10M4 18h10M18 5l1.5 1.5L22 4M18 11l1.5 1.5L22 10" />,
  files: <path d="M6 3h8l5 5v13H6zM14 3v5h5" />,
  collection: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 6a3 3 0 1 0 0 6 3 3 0 0 0 0-6z" />,
  euria: <path d="M4 20c4-1 6-4 7-8l1-8 1 8c1 4 3 7 7 8M8 16h8" />,
  application: <path d="M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2" />,
};

/**
 * The sidebar of a desktop settings window, as ARIA tabs: one Tab stop, arrow keys move and
 * open (vertical on a wide window, a row on a narrow one), Home/End jump.
 */
export function SectionTabs({ current, onSelect }: { current: TabId; onSelect: (tab: TabId) => void }) {
  const { t } = useI18n();
  const refs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const keyDown = (event: KeyboardEvent) => {
    const next = tabAfterKey(current, event.key);
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('app.nav')} aria-orientation="vertical" className="sidebar" onKeyDown={keyDown}>
      {TAB_IDS.map((id) => (
        <button
          key={id}
          ref={(element) => {
            refs.current[id] = element;
          }}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={current === id}
          aria-controls={`panel-${id}`}
          tabIndex={current === id ? 0 : -1}
          onClick={() => onSelect(id)}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="tab-icon">
            {ICONS[id]}
          </svg>
          {t(`tab.${id}`)}
        </button>
      ))}
    </div>
  );
}

/** One section's panel; the others stay mounted (drafts survive a tab change) but hidden. */
export function TabPanel({ id, current, children }: { id: TabId; current: TabId; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={current !== id} className="tab-panel">
      {children}
    </div>
  );
}
