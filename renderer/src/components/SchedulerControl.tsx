import type { SchedulerConfigView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';
import { ActionError } from './ActionError.js';

/** The seed's start/stop: pausing stops every timer; "Run now" still works. */
export function SchedulerControl({ config }: { config: SchedulerConfigView }) {
  const { t } = useI18n();
  const { api, dispatch } = useApp();
  const toggle = useAction(async () => {
    const status = await api.setSchedulerEnabled(!config.enabled);
    dispatch({ type: 'status', status });
  });
  const running = config.enabled;
  return (
    <div className="scheduler-control">
      <p className={`state-pill ${running ? 'on' : 'off'}`} role="status">
        <span aria-hidden="true" className="dot" />
        {running ? t('scheduler.running') : t('scheduler.paused')}
      </p>
      {/* aria-disabled, not disabled: the focus stays on the button after a click. */}
      <button type="button" onClick={() => void toggle.run()} aria-disabled={toggle.pending}>
        {running ? t('scheduler.pause') : t('scheduler.resume')}
      </button>
      <ActionError message={toggle.error} />
      {!running ? <p className="muted small">{t('scheduler.pausedHint')}</p> : null}
    </div>
  );
}
