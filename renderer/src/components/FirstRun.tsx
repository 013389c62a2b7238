import type { ImportSummary } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';
import { FileDrop, importHandedFile } from './FileDrop.js';
import { UPLOAD_MAX_BYTES } from '../../../shared/sources.js';

/**
 * The first screen of an empty collection: what to do first, in one place. A file dropped or
 * chosen here is imported at once; "Import a file…" opens the Collection section on the path
 * field; the demo loads at once.
 */
export function FirstRun({ onImportFile }: { onImportFile: () => void }) {
  const { t } = useI18n();
  const { api, dispatch } = useApp();
  const demo = useAction(async () => {
    const summary: ImportSummary = await api.importCollection({ demo: true }, 'manual');
    dispatch({ type: 'collection', stats: await api.collectionStats() });
    return summary;
  });
  // A file dropped on this card, or chosen: imported once; the card goes once there are albums.
  const handed = useAction(async (file: File | 'choose') => {
    if (await importHandedFile(api, file)) dispatch({ type: 'collection', stats: await api.collectionStats() });
  });
  const busy = demo.pending || handed.pending;
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
      <FileDrop
        hint={t('import.drop.hint', { kib: UPLOAD_MAX_BYTES / 1024 })}
        busy={busy}
        sending={handed.pending}
        onFile={(file) => void handed.run(file)}
        onChoose={() => void handed.run('choose')}
      />
      <p className="muted small">{t('firstRun.skipNote')}</p>
      {demo.error || handed.error ? (
        <p role="alert" className="error-text">
          {t('import.failed', { message: (demo.error ?? handed.error)! })}
        </p>
      ) : null}
    </section>
  );
}
