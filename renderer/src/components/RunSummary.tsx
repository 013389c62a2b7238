import type { RunRecord } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { formatDateTime, formatDuration, runDurationMs } from '../state/format.js';
import { runReason, runWarnings } from '../state/run-text.js';
import { FileName } from './FileName.js';
import { StatusBadge } from './StatusBadge.js';

/** A task's last run: when, how long, how it ended, what it wrote, what went wrong. */
export function RunSummary({ run }: { run: RunRecord }) {
  const { t, locale, say } = useI18n();
  const duration = runDurationMs(run);
  const reason = runReason(run, say);
  const warnings = runWarnings(run, say);
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
      {warnings.length > 0 ? (
        <details className="warnings">
          <summary>
            {t('run.warnings')} ({warnings.length})
          </summary>
          <ul>
            {warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {reason ? (
        run.status === 'skipped' ? (
          <p className="muted" data-testid="run-reason">{reason}</p>
        ) : (
          <p className="error-text" data-testid="run-reason">{t('common.error', { message: reason })}</p>
        )
      ) : null}
    </div>
  );
}
