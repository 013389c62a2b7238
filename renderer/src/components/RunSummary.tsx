import type { RunRecord } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { formatDateTime, formatDuration, runDurationMs } from '../state/format.js';
import { FileName } from './FileName.js';
import { StatusBadge } from './StatusBadge.js';

/** A task's last run: when, how long, how it ended, what it wrote, what went wrong. */
export function RunSummary({ run }: { run: RunRecord }) {
  const { t, locale } = useI18n();
  const duration = runDurationMs(run);
  return (
    <div className="run-summary">
      <div className="run-line">
        <StatusBadge status={run.status} />
        <time dateTime={run.started_at}>{formatDateTime(run.started_at, locale, true)}</time>
        {duration !== null ? <span className="muted">{t('run.took', { duration: formatDuration(duration, locale) })}</span> : null}
        {run.album_count !== null ? <span className="muted">{t('run.albums', { n: run.album_count })}</span> : null}
      </div>
      {run.file ? (
        <div className="run-line">
          <span className="muted">{t('run.file')}</span> <FileName path={run.file} />
        </div>
      ) : null}
      {run.warnings.length > 0 ? (
        <details className="warnings">
          <summary>
            {t('run.warnings')} ({run.warnings.length})
          </summary>
          <ul>
            {run.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {run.error ? (
        <p className="error-text">{t('common.error', { message: run.error })}</p>
      ) : null}
    </div>
  );
}
