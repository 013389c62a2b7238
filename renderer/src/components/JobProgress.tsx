/**
 * The progress of a job running in the engine's background (an import, a sync): a bar, and a
 * line saying which phase of which file and how far. Before its first progress event (or
 * without one), an indeterminate bar and `label`.
 */
import type { ImportProgressView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { baseName } from '../state/format.js';

export function JobProgress({ progress, label, phases }: { progress: ImportProgressView | null; label: string; phases: 'import' | 'sources' }) {
  const { t } = useI18n();
  return (
    <span className="running">
      {progress?.total ? <progress aria-label={label} value={progress.done} max={progress.total} /> : <progress aria-label={label} />}
      {progress
        ? t(progress.cancelling ? 'import.cancelling' : `${phases}.phase.${progress.phase}`, {
            file: baseName(progress.file),
            percent: progress.total ? Math.floor((100 * progress.done) / progress.total) : 0,
            done: progress.done,
          })
        : label}
    </span>
  );
}
