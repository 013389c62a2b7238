import type { CollectionStats, ImportProgressView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { baseName, formatDateTime } from '../state/format.js';
import { ImportForm } from './ImportForm.js';

export function CollectionSection({ stats, importing }: { stats: CollectionStats; importing: ImportProgressView | null }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const last = stats.last_import;
  return (
    <section id="collection" aria-labelledby="collection-title" className="section">
      <h2 id="collection-title">{t('collection.heading')}</h2>
      <div className="card">
        <dl className="stats">
          <div>
            <dt>{t('collection.albums')}</dt>
            <dd data-testid="album-count">{number.format(stats.albums)}</dd>
          </div>
          <div>
            <dt>{t('collection.artists')}</dt>
            <dd>{number.format(stats.artists)}</dd>
          </div>
          <div>
            <dt>{t('collection.tracks')}</dt>
            <dd>{number.format(stats.tracks)}</dd>
          </div>
          <div className="wide">
            <dt>{t('collection.lastImport')}</dt>
            <dd>
              {last
                ? t('collection.lastImportText', {
                    date: formatDateTime(last.at, locale),
                    file: baseName(last.file),
                    format: last.format,
                    added: last.added,
                  })
                : t('collection.noImport')}
            </dd>
          </div>
        </dl>
        <ImportForm importing={importing} />
      </div>
    </section>
  );
}
