import type { SchedulerConfigView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { CatchUpSwitch } from './CatchUpSwitch.js';

/** How the app itself behaves: catching up missed runs (start at login, notifications and the API port join here). */
export function ApplicationSection({ config }: { config: SchedulerConfigView }) {
  const { t } = useI18n();
  return (
    <section id="application" aria-labelledby="application-title" className="section">
      <h2 id="application-title">{t('application.heading')}</h2>
      <div className="card">
        <CatchUpSwitch enabled={config.catch_up_missed_runs} />
      </div>
    </section>
  );
}
