import { useRef, useState } from 'react';
import type { RunResult } from '../../../shared/api.js';
import { AimeError } from '../../../shared/contract.js';
import type { TaskId } from '../../../shared/tasks.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { errorMessage } from '../state/use-action.js';
import { runReason, runWarnings } from '../state/run-text.js';
import { FileName } from './FileName.js';
import { StatusBadge } from './StatusBadge.js';
import { ActionError } from './ActionError.js';

interface Props {
  task: TaskId;
  label: string;
  /** True while the engine runs this task, whoever started it (tray, API, schedule). */
  running: boolean;
  /** The id of the task's latest run the window knows of: a newer one makes a click's result stale. */
  lastRunId: number | null;
}

/**
 * "Run now": shows progress while the task runs and its result after. A click while it runs
 * (from here or elsewhere) starts nothing and says so kindly.
 */
export function RunNow({ task, label, running, lastRunId }: Props) {
  const { t, say, locale } = useI18n();
  const { api } = useApp();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inFlight = useRef(false);
  const busy = pending || running;
  // When the run ends, the "already running" note has said what it had to say.
  const [wasBusy, setWasBusy] = useState(busy);
  if (wasBusy !== busy) {
    setWasBusy(busy);
    if (!busy) setNotice(null);
  }
  const shownResult = result && (lastRunId === null || lastRunId <= result.run_id) ? result : null;

  const click = async () => {
    if (busy || inFlight.current) {
      setNotice(t('run.alreadyRunning', { task: label }));
      return;
    }
    inFlight.current = true;
    setPending(true);
    setNotice(null);
    setError(null);
    try {
      setResult(await api.runNow(task, 'manual'));
    } catch (caught) {
      if (caught instanceof AimeError && caught.code === 'already_running') setNotice(t('run.alreadyRunning', { task: label }));
      else setError(errorMessage(caught, locale));
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  return (
    <div className="run-now">
      <button type="button" className="primary" onClick={() => void click()} aria-label={`${t('run.now')} — ${label}`} aria-busy={busy}>
        {t('run.now')}
      </button>
      <div className="run-feedback" role="status" aria-live="polite">
        {busy ? (
          <span className="running">
            <progress aria-label={`${label} — ${t('run.running')}`} />
            {t('run.running')}
          </span>
        ) : shownResult ? (
          <span className="run-result">
            <StatusBadge status={shownResult.status} />
            {shownResult.file ? <FileName path={shownResult.file} /> : null}
            {shownResult.status !== 'completed' && runReason(shownResult, say) ? (
              <span className={shownResult.status === 'failed' ? 'error-text' : undefined}>{runReason(shownResult, say)}</span>
            ) : null}
            {runWarnings(shownResult, say).length > 0 ? <span>{runWarnings(shownResult, say).join(' · ')}</span> : null}
          </span>
        ) : null}
        {notice ? <span className="notice">{notice}</span> : null}
      </div>
      <ActionError message={error} />
    </div>
  );
}
