/**
 * Linked sources: each one's last sync and result, "Synchroniser maintenant", removal, and
 * linking a Discogs account or a file. Self-contained (it loads and refreshes its own list),
 * so the window can place it wherever it likes.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ImportProgressView } from '../../../shared/api.js';
import { UPLOAD_MAX_BYTES, formatSyncCounts, type SourceView } from '../../../shared/sources.js';
import { AimeError } from '../../../shared/contract.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { baseName, formatDateTime } from '../state/format.js';
import { errorMessage, useAction } from '../state/use-action.js';
import { FileDrop, uploadOf } from './FileDrop.js';
import { JobProgress } from './JobProgress.js';
import { PathField } from './PathField.js';

/** `syncing`: the sync in progress (from the engine's progress events), wherever it was started. */
export function SourcesSection({ syncing: progress = null }: { syncing?: ImportProgressView | null }) {
  const { t, locale } = useI18n();
  const { api, dispatch } = useApp();
  const [sources, setSources] = useState<SourceView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setSources(await api.listSources());
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error, locale));
    }
  }, [api, locale]);

  useEffect(() => {
    void reload();
    // A sync started elsewhere (schedule, tray, CLI) shows here when it ends.
    return api.subscribe((event) => {
      if (event.type === 'run-finished' || event.type === 'collection-changed') void reload();
    });
  }, [api, reload]);

  const refreshCollection = () =>
    api.collectionStats().then((stats) => dispatch({ type: 'collection', stats }), () => undefined);

  const [cancelled, setCancelled] = useState(false);
  const syncing = useAction(async () => {
    setCancelled(false);
    const answer = await api.syncSources('manual');
    setSources(answer.sources);
    void refreshCollection();
    if (answer.run.status === 'cancelled') setCancelled(true);
    if (answer.run.status === 'failed') throw new AimeError('run_failed', answer.run.error ?? 'sync failed', undefined, answer.run.text);
  });
  const stop = useAction(() => api.cancelSync());
  const busy = syncing.pending || progress !== null;

  return (
    <section id="sources" aria-labelledby="sources-title" className="section">
      <h2 id="sources-title">{t('sources.heading')}</h2>
      <div className="card">
        <p className="muted">{t('sources.intro')}</p>
        {loadError ? (
          <p role="alert" className="error-text">
            {t('common.error', { message: loadError })}
          </p>
        ) : null}
        {sources && sources.length === 0 ? <p data-testid="no-source">{t('sources.none')}</p> : null}
        {sources && sources.length > 0 ? (
          <ul className="source-list">
            {sources.map((source) => (
              <SourceItem key={source.id} source={source} onRemoved={() => void reload().then(refreshCollection)} />
            ))}
          </ul>
        ) : null}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy || !sources || sources.length === 0}
            onClick={() => void syncing.run()}
          >
            {t('sources.syncNow')}
          </button>
          {progress ? (
            <button type="button" disabled={progress.cancelling || stop.pending} onClick={() => void stop.run()}>
              {t('sources.stopSync')}
            </button>
          ) : null}
          <span role="status" className="form-note">
            {busy ? (
              <JobProgress progress={progress} label={t('sources.syncing')} phases="sources" />
            ) : cancelled ? (
              t('sources.syncCancelled')
            ) : null}
          </span>
        </div>
        {stop.error ? (
          <p role="alert" className="error-text">
            {t('common.error', { message: stop.error })}
          </p>
        ) : null}
        {syncing.error ? (
          <p role="alert" className="error-text">
            {t('sources.syncFailed', { message: syncing.error })}
          </p>
        ) : null}
        <LinkForms onLinked={reload} />
      </div>
    </section>
  );
}

function sourceName(source: SourceView): string {
  return source.kind === 'discogs' ? `discogs:${source.location}` : baseName(source.location);
}

function SourceItem({ source, onRemoved }: { source: SourceView; onRemoved: () => void }) {
  const { t, locale, say } = useI18n();
  const { api } = useApp();
  const [confirming, setConfirming] = useState(false);
  const removing = useAction(async () => {
    await api.removeSource(source.id);
    onRemoved();
  });
  const result = source.last_result;
  const last =
    result === null || source.last_sync_at === null
      ? t('sources.neverSynced')
      : result.status === 'completed'
        ? t('sources.synced', { date: formatDateTime(source.last_sync_at, locale), counts: formatSyncCounts(result) })
        : t('sources.failed', { date: formatDateTime(source.last_sync_at, locale), message: result.text ? say(result.text) : result.error });
  return (
    <li className="source-item" data-testid={`source-${source.id}`}>
      <div>
        <strong title={source.location}>{sourceName(source)}</strong>{' '}
        <span className="muted">
          {t(`sources.kind.${source.kind}`)} · {t('sources.albums', { n: source.album_count })}
          {source.has_token ? ` · ${t('sources.token')}` : ''}
        </span>
        <p className={result?.status === 'failed' ? 'error-text' : 'muted'} data-testid="last-sync">
          {last}
        </p>
      </div>
      {confirming ? (
        <span className="row">
          <button type="button" className="danger" disabled={removing.pending} onClick={() => void removing.run()}>
            {t('sources.confirmRemove', { n: source.album_count })}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('sources.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} aria-label={t('sources.removeLabel', { name: sourceName(source) })}>
          {t('sources.remove')}
        </button>
      )}
      {removing.error ? (
        <p role="alert" className="error-text">
          {t('common.error', { message: removing.error })}
        </p>
      ) : null}
    </li>
  );
}

function LinkForms({ onLinked }: { onLinked: () => Promise<void> }) {
  const { t } = useI18n();
  const { api } = useApp();
  const id = useId();
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const [file, setFile] = useState('');
  const linking = useAction(async (request: Parameters<typeof api.addSource>[0]) => {
    await api.addSource(request);
    setUsername('');
    setToken('');
    setFile('');
    await onLinked();
  });

  const linkDiscogs = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (name === '') return;
    void linking.run(token.trim() ? { kind: 'discogs', username: name, token: token.trim() } : { kind: 'discogs', username: name });
  };
  const linkFile = (event: FormEvent) => {
    event.preventDefault();
    if (file.trim() !== '') void linking.run({ path: file.trim() });
  };

  const choosing = useAction(async () => {
    const answer = await api.chooseSourceFile();
    if (answer.source) await onLinked();
  });
  const uploading = useAction(async (file: File) => {
    await api.uploadSource(await uploadOf(file));
    await onLinked();
  });

  return (
    <div className="link-forms">
      <form onSubmit={linkDiscogs} aria-labelledby={`${id}-discogs`}>
        <h3 id={`${id}-discogs`} className="subheading">
          {t('sources.discogs.heading')}
        </h3>
        <div className="row wrap">
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('sources.discogs.username')}</label>
            <input id={`${id}-user`} type="text" spellCheck={false} value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-token`}>{t('sources.discogs.token')}</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="off"
              placeholder={t('sources.discogs.tokenHint')}
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
            />
          </div>
        </div>
        <button type="submit" disabled={linking.pending || username.trim() === ''}>
          {t('sources.discogs.link')}
        </button>
      </form>
      <form onSubmit={linkFile} aria-labelledby={`${id}-file`}>
        <h3 id={`${id}-file`} className="subheading">
          {t('sources.file.heading')}
        </h3>
        <div className="field grow">
          <PathField id={`${id}-path`} label={t('sources.file.path')} value={file} onChange={setFile} />
        </div>
        <div className="row">
          <button type="submit" disabled={linking.pending || file.trim() === ''}>
            {t('sources.file.link')}
          </button>
        </div>
      </form>
      <FileDrop
        hint={t('sources.drop.hint', { kib: UPLOAD_MAX_BYTES / 1024 })}
        busy={uploading.pending || choosing.pending}
        sending={uploading.pending}
        onFile={(file) => void uploading.run(file)}
        onChoose={() => void choosing.run()}
      />
      {linking.error || uploading.error || choosing.error ? (
        <p role="alert" className="error-text">
          {t('sources.linkFailed', { message: (linking.error ?? uploading.error ?? choosing.error)! })}
        </p>
      ) : null}
    </div>
  );
}
