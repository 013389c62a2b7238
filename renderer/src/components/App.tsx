import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AimeApi } from '../../../shared/contract.js';
import { I18nContext } from '../i18n/context.js';
import { sayer, translator, type Locale } from '../i18n/messages.js';
import { AppContext, type AppContextValue, type FileOpening } from '../state/app-context.js';
import { tabFromHash, type TabId } from '../state/tabs.js';
import { useAimeState } from '../state/use-aime-state.js';
import { ApplicationSection } from './ApplicationSection.js';
import { CatchUpSwitch } from './CatchUpSwitch.js';
import { CollectionSection } from './CollectionSection.js';
import { EuriaSection } from './EuriaSection.js';
import { FilesSection } from './FilesSection.js';
import { FileViewer } from './FileViewer.js';
import { FirstRun } from './FirstRun.js';
import { Header } from './Header.js';
import { HistorySection } from './HistorySection.js';
import { SourcesSection } from './SourcesSection.js';
import { SectionTabs, TabPanel } from './SectionTabs.js';
import { TasksSection } from './TasksSection.js';

interface Props {
  api: AimeApi;
  locale: Locale;
  fileOpening?: FileOpening;
  /** Set on `/?view=<name>` in the web page: the read-only viewer of that file. */
  viewFile?: string | null;
}

export function App({ api, locale, fileOpening = 'viewer', viewFile = null }: Props) {
  const i18n = useMemo(() => ({ locale, t: translator(locale), say: sayer(locale) }), [locale]);
  const { state, dispatch, loading, loadError, reload } = useAimeState(api);
  const { t } = i18n;
  const [tab, setTab] = useState<TabId>(() => tabFromHash(window.location.hash));

  useEffect(() => {
    const follow = () => setTab(tabFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const select = useCallback((next: TabId) => {
    setTab(next);
    // replaceState: switching sections is not navigation, and must not scroll the page.
    window.history.replaceState(null, '', `#${next}`);
  }, []);

  const reloadConfig = useCallback(async () => {
    const [config, status] = await Promise.all([api.getConfig(), api.status()]);
    dispatch({ type: 'config', config });
    dispatch({ type: 'status', status });
  }, [api, dispatch]);
  const context = useMemo<AppContextValue>(
    () => ({ api, dispatch, reloadConfig, fileOpening }),
    [api, dispatch, reloadConfig, fileOpening],
  );

  const { config, status, files, collection, euria } = state;
  const ready = config && status && files && collection && euria;
  const importFile = useCallback(() => {
    select('collection');
    // After the panel is shown: a hidden field cannot take the focus.
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('#panel-collection .import-form input')?.focus());
  }, [select]);

  const fixFolder = useCallback(() => {
    select('files');
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('#panel-files input.path')?.focus());
  }, [select]);

  if (viewFile !== null) {
    return (
      <I18nContext.Provider value={i18n}>
        <AppContext.Provider value={context}>
          <FileViewer name={viewFile} />
        </AppContext.Provider>
      </I18nContext.Provider>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      <AppContext.Provider value={context}>
        <Header config={config} />
        <div className="shell">
          {ready ? <SectionTabs current={tab} onSelect={select} /> : null}
          <main className="content">
            {loading && !ready ? (
              <p className="muted" role="status">
                {t('app.loading')}
              </p>
            ) : null}
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
                  {status.warning_texts.map(i18n.say).map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {ready ? (
              <>
                {collection.albums === 0 ? <FirstRun onImportFile={importFile} /> : null}
                <TabPanel id="tasks" current={tab}>
                  <TasksSection
                    config={config}
                    status={status}
                    folderProblem={files.problem}
                    onFixFolder={fixFolder}
                    newestHaiku={files.files.haiku[0]?.name ?? null}
                  />
                  <HistorySection history={state.history} />
                </TabPanel>
                <TabPanel id="files" current={tab}>
                  <FilesSection config={config} files={files} />
                </TabPanel>
                <TabPanel id="collection" current={tab}>
                  <CollectionSection stats={collection} importing={state.importing?.kind === 'import' ? state.importing : null} />
                  <SourcesSection syncing={state.importing?.kind === 'sync' ? state.importing : null} />
                </TabPanel>
                <TabPanel id="euria" current={tab}>
                  <EuriaSection euria={euria} />
                </TabPanel>
                <TabPanel id="application" current={tab}>
                  <ApplicationSection />
                  <div className="card section">
                    <CatchUpSwitch enabled={config.catch_up_missed_runs} />
                  </div>
                </TabPanel>
              </>
            ) : null}
          </main>
        </div>
      </AppContext.Provider>
    </I18nContext.Provider>
  );
}
