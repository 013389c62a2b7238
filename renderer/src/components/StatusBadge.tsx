import type { ReactNode } from 'react';
import type { RunStatus } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';

/**
 * Inline SVG, not emoji: a stock Debian without an emoji font shows empty boxes. The icon is
 * decoration; the word says the status.
 */
const ICONS: Record<RunStatus, ReactNode> = {
  running: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  completed: <path d="M3.5 8.5l3 3 6-7" />,
  failed: <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />,
  skipped: <path d="M3.5 4l5 4-5 4M9.5 4l4 4-4 4" />,
  cancelled: <rect x="4.5" y="4.5" width="7" height="7" />,
};

export function StatusBadge({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${status}`}>
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false" className="badge-icon">
        {ICONS[status]}
      </svg>
      {t(`run.status.${status}`)}
    </span>
  );
}
