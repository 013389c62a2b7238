import type { GeneratedFiles, SchedulerConfigView } from '../../../shared/api.js';
import type { OutputKind } from '../../../shared/tasks.js';
import { useI18n } from '../i18n/context.js';
import { FileList } from './FileList.js';
import { OutputFolder } from './OutputFolder.js';
import { RetentionForm } from './RetentionForm.js';

const KINDS: OutputKind[] = ['haiku', 'markdown', 'json'];

/** The seed's "⚙️ Configuration des fichiers générés", plus the folder and its files. */
export function FilesSection({ config, files }: { config: SchedulerConfigView; files: GeneratedFiles }) {
  const { t } = useI18n();
  return (
    <section id="files" aria-labelledby="files-title" className="section">
      <h2 id="files-title">{t('files.heading')}</h2>
      <div className="card">
        <RetentionForm current={config.max_files_per_type} />
        <OutputFolder path={config.output_dir} problem={files.problem} />
      </div>
      <h3 className="subheading">{t('files.list')}</h3>
      <div className="file-lists">
        {KINDS.map((kind) => (
          <FileList key={kind} kind={kind} files={files.files[kind] ?? []} />
        ))}
      </div>
    </section>
  );
}
