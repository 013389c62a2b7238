import type { GeneratedFile } from '../../../shared/api.js';
import type { OutputKind } from '../../../shared/tasks.js';
import { useI18n } from '../i18n/context.js';
import { formatBytes, formatDateTime } from '../state/format.js';
import { newestFirst } from '../state/files.js';
import { FileName } from './FileName.js';
import { TaskLabel } from './TaskLabel.js';

/** The files one task has written and that retention kept, newest first. */
export function FileList({ kind, files }: { kind: OutputKind; files: GeneratedFile[] }) {
  const { t, locale } = useI18n();
  const titleId = `files-${kind}-title`;
  return (
    <section className="card file-list" aria-labelledby={titleId}>
      <h4 id={titleId}>
        <TaskLabel label={t(`files.kind.${kind}`)} /> <span className="count">{files.length}</span>
      </h4>
      {files.length === 0 ? (
        <p className="muted">{t('files.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('files.name')}</th>
              <th scope="col" className="num">
                {t('files.size')}
              </th>
              <th scope="col">{t('files.date')}</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst(files).map((file) => (
              <tr key={file.path}>
                <td>
                  <FileName path={file.path} />
                </td>
                <td className="num">{formatBytes(file.size, locale)}</td>
                <td>
                  <time dateTime={file.created_at}>{formatDateTime(file.created_at, locale, true)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
