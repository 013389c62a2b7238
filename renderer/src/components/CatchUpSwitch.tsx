import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';
import { ActionError } from './ActionError.js';

/** Anacron-like catch-up of runs missed while the app was closed or the machine asleep. */
export function CatchUpSwitch({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const { api, dispatch, reloadConfig } = useApp();
  const save = useAction(async (next: boolean) => {
    dispatch({ type: 'config', config: await api.setCatchUpMissedRuns(next) });
    await reloadConfig();
  });
  return (
    <div className="catch-up">
      <label className="check">
        <input type="checkbox" checked={enabled} aria-disabled={save.pending} onChange={(e) => void save.run(e.currentTarget.checked)} />
        {t('scheduler.catchUp')}
      </label>
      <ActionError message={save.error} />
    </div>
  );
}
