import type { RunRecord } from '../../../shared/api.js';
import { IMPORT_RUN, runLabel } from '../../../shared/tasks.js';
import { useI18n } from '../i18n/context.js';
import { baseName, formatDateTime, formatDuration, runDurationMs } from '../state/format.js';
import { runReason, runWarnings } from '../state/run-text.js';
import { FileName } from './FileName.js';
import { StatusBadge } from './StatusBadge.js';

/** Recent runs, newest first, whoever started them. */
export function HistorySection({ history }: { history: RunRecord[] }) {
  const { t, locale, say } = useI18n();
  return (
    <section id="history" aria-labelledby="history-title" className="section">
      <h2 id="history-title">{t('history.heading')}</h2>
      <div className="card">
        {history.length === 0 ? (
          <p className="muted">{t('history.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="history">
              <thead>
                <tr>
                  <th scope="col">{t('history.started')}</th>
                  <th scope="col">{t('history.task')}</th>
                  <th scope="col">{t('history.trigger')}</th>
                  <th scope="col">{t('history.status')}</th>
                  <th scope="col" className="num">
                    {t('history.duration')}
                  </th>
                  <th scope="col">{t('history.result')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((run) => {
                  const duration = runDurationMs(run);
                  return (
                    <tr key={run.id} data-run-id={run.id}>
                      <td>
                        <time dateTime={run.started_at}>{formatDateTime(run.started_at, locale, true)}</time>
                      </td>
                      <td>{runLabel(run.task)[locale]}</td>
                      <td>{t(`trigger.${run.trigger}`)}</td>
                      <td>
                        <StatusBadge status={run.status} />
                      </td>
                      <td className="num">{duration === null ? '—' : formatDuration(duration, locale)}</td>
                      <td className="result">
                        {runReason(run, say) !== null ? (
                          <span className={run.status === 'skipped' ? undefined : 'error-text'}>{runReason(run, say)}</span>
                        ) : run.task === IMPORT_RUN && run.file ? (
                          // The file an import read is not one of the generated files FileName opens.
                          t('history.imported', { file: baseName(run.file), n: run.album_count ?? 0 })
                        ) : run.file ? (
                          <FileName path={run.file} />
                        ) : (
                          (runWarnings(run, say)[0] ?? '')
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
