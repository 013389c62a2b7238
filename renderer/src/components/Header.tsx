import type { SchedulerConfigView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { SchedulerControl } from './SchedulerControl.js';

const SECTIONS = [
  ['tasks', 'tasks.heading'],
  ['files', 'files.heading'],
  ['history', 'history.heading'],
  ['collection', 'collection.heading'],
  ['sources', 'sources.heading'],
  ['euria', 'euria.heading'],
] as const;

export function Header({ config }: { config: SchedulerConfigView | null }) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
      </div>
      {config ? <SchedulerControl config={config} /> : null}
      <nav aria-label={t('app.nav')} className="app-nav">
        {SECTIONS.map(([id, key]) => (
          <a key={id} href={`#${id}`}>
            {t(key)}
          </a>
        ))}
      </nav>
    </header>
  );
}
