import type { RunStatus } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';

const ICONS: Record<RunStatus, string> = { running: '⏳', completed: '✅', failed: '❌', skipped: '⏭️', cancelled: '⏹️' };

export function StatusBadge({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${status}`}>
      <span aria-hidden="true">{ICONS[status]} </span>
      {t(`run.status.${status}`)}
    </span>
  );
}
