import { useId, useState, type FormEvent } from 'react';
import { IMPORT_FORMATS, type ImportFormat, type ImportProgressView, type ImportSummary } from '../../../shared/api.js';
import type { ImportRequest } from '../../../shared/schemas.js';
import { UPLOAD_MAX_BYTES } from '../../../shared/sources.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { baseName } from '../state/format.js';
import { useAction } from '../state/use-action.js';
import { FieldError } from './FieldError.js';
import { JobProgress } from './JobProgress.js';
import { FileDrop, importHandedFile } from './FileDrop.js';
import { PathField } from './PathField.js';

/**
 * Imports an AIME database, a Discogs CSV or a JSON export (all or nothing), or the demo. The
 * import runs in the engine's background; `importing` (from its progress events) drives the
 * progress bar, also for an import started elsewhere (the CLI, another window), and Cancel.
 */
export function ImportForm({ importing: progress }: { importing: ImportProgressView | null }) {
  const { t, say } = useI18n();
  const { api, dispatch } = useApp();
  const id = useId();
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [pathMissing, setPathMissing] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [cancelled, setCancelled] = useState(false);
  /** A path or the demo, a dropped or picked file (sent to the engine), or the desktop's own dialog. */
  const importing = useAction(async (request: ImportRequest | File | 'choose') => {
    setSummary(null);
    setCancelled(false);
    try {
      if (request === 'choose' || request instanceof File) {
        const summary = await importHandedFile(api, request);
        if (!summary) return;
        setSummary(summary);
      } else setSummary(await api.importCollection(request, 'manual'));
    } catch (error) {
      // Cancelled on purpose: not a failure, and the collection is as it was.
      if ((error as { code?: string }).code === 'cancelled') return setCancelled(true);
      throw error;
    }
    // The import is done; a failed refresh of the counts must not be reported as a failed import.
    api.collectionStats().then((stats) => dispatch({ type: 'collection', stats }), () => undefined);
  });

  const cancel = useAction(() => api.cancelImport());
  const busy = importing.pending || progress !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') {
      setPathMissing(true);
      return;
    }
    void importing.run(format ? { path: trimmed, format } : { path: trimmed });
  };

  return (
    <form className="import-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {t('import.heading')}
      </h3>
      <div className="row wrap">
        <div className="field grow">
          <PathField
            id={`${id}-path`}
            label={t('import.path')}
            value={path}
            errorId={pathMissing ? `${id}-path-error` : undefined}
            onChange={(value) => {
              setPath(value);
              setPathMissing(false);
            }}
          />
          <FieldError id={`${id}-path-error`} message={pathMissing ? t('import.pathRequired') : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('import.format')}</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.currentTarget.value as ImportFormat | '')}>
            <option value="">{t('import.format.auto')}</option>
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`import.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FileDrop
        hint={t('import.drop.hint', { kib: UPLOAD_MAX_BYTES / 1024 })}
        busy={busy}
        onFile={(file) => void importing.run(file)}
        onChoose={() => void importing.run('choose')}
      />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('import.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void importing.run({ demo: true })}>
          {t('import.demo')}
        </button>
        {progress ? (
          <button type="button" disabled={progress.cancelling || cancel.pending} onClick={() => void cancel.run()}>
            {t('import.cancel')}
          </button>
        ) : null}
      </div>
      <div role="status" className="form-note">
        {busy ? (
          <JobProgress progress={progress} label={t('import.running')} phases="import" />
        ) : cancelled ? (
          <p>{t('import.cancelled')}</p>
        ) : summary ? (
          <div className="import-summary">
            <p>
              {t('import.summary', {
                file: summary.format === 'demo' ? 'demo' : baseName(summary.file),
                added: summary.added,
                updated: summary.updated,
                skipped: summary.skipped,
                total: summary.total_albums,
              })}
            </p>
            {summary.note_texts.length > 0 ? (
              <ul className="notes">
                {summary.note_texts.map(say).map((note, index) => (
                  <li key={index}>{note}</li>
                ))}
                {summary.more > 0 ? <li>{t('import.more', { n: summary.more })}</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      {cancel.error ? (
        <p role="alert" className="error-text">
          {cancel.error}
        </p>
      ) : null}
      {importing.error ? (
        <p role="alert" className="error-text">
          {t('import.failed', { message: importing.error })}
        </p>
      ) : null}
    </form>
  );
}
