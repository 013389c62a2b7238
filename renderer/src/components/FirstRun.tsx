import type { ImportSummary } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';

/**
 * The first screen of an empty collection: what to do first, in one place. Importing a file
 * or linking a source opens the Collection section on the right field; the demo loads at once.
 */
export function FirstRun({ onImportFile }: { onImportFile: () => void }) {
  const { t } = useI18n();
  const { api, dispatch } = useApp();
  const demo = useAction(async () => {
    const summary: ImportSummary = await api.importCollection({ demo: true });
    dispatch({ type: 'collection', stats: await api.collectionStats() });
    return summary;
  });
  return (
    <section className="card first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRun.heading')}</h2>
      <p>{t('firstRun.text')}</p>
      <div className="row wrap">
        <button type="button" className="primary" onClick={onImportFile}>
          {t('firstRun.import')}
        </button>
        <button type="button" aria-disabled={demo.pending} onClick={() => void demo.run()}>
          {demo.pending ? t('import.running') : t('firstRun.demo')}
        </button>
      </div>
      <p className="muted small">{t('firstRun.skipNote')}</p>
      {demo.error ? (
        <p role="alert" className="error-text">
          {t('import.failed', { message: demo.error })}
        </p>
      ) : null}
    </section>
  );
}
