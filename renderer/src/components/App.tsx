import { useCallback, useMemo } from 'react';
import type { AimeApi } from '../../../shared/contract.js';
import { I18nContext } from '../i18n/context.js';
import { translator, type Locale } from '../i18n/messages.js';
import { AppContext, type AppContextValue } from '../state/app-context.js';
import { useAimeState } from '../state/use-aime-state.js';
import { ApplicationSection } from './ApplicationSection.js';
import { CollectionSection } from './CollectionSection.js';
import { EuriaSection } from './EuriaSection.js';
import { FilesSection } from './FilesSection.js';
import { Header } from './Header.js';
import { HistorySection } from './HistorySection.js';
import { SourcesSection } from './SourcesSection.js';
import { TasksSection } from './TasksSection.js';

export function App({ api, locale }: { api: AimeApi; locale: Locale }) {
  const i18n = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  const { state, dispatch, loading, loadError, reload } = useAimeState(api);
  const { t } = i18n;

  const reloadConfig = useCallback(async () => {
    const [config, status] = await Promise.all([api.getConfig(), api.status()]);
    dispatch({ type: 'config', config });
    dispatch({ type: 'status', status });
  }, [api, dispatch]);
  const context = useMemo<AppContextValue>(() => ({ api, dispatch, reloadConfig }), [api, dispatch, reloadConfig]);

  const { config, status, files, collection, euria } = state;
  const ready = config && status && files && collection && euria;

  return (
    <I18nContext.Provider value={i18n}>
      <AppContext.Provider value={context}>
        <Header config={config} />
        <main className="content">
          {loading && !ready ? <p className="muted" role="status">{t('app.loading')}</p> : null}
          {loadError ? (
            <div className="banner error" role="alert">
              <p>{t('app.loadError', { message: loadError })}</p>
              <button type="button" onClick={reload}>
                {t('app.retry')}
              </button>
            </div>
          ) : null}
          {status && status.warnings.length > 0 ? (
            <div className="banner warning" role="alert" data-testid="warnings">
              <p>{t('app.warnings')}</p>
              <ul>
                {status.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {ready ? (
            <>
              <TasksSection config={config} status={status} />
              <FilesSection config={config} files={files} />
              <HistorySection history={state.history} />
              <CollectionSection stats={collection} importing={state.importing} />
              <SourcesSection />
              <EuriaSection euria={euria} />
              <ApplicationSection />
            </>
          ) : null}
        </main>
      </AppContext.Provider>
    </I18nContext.Provider>
  );
}
