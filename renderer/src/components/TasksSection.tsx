import type { OutputFolderProblem, SchedulerConfigView, SchedulerStatus } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { HaikuPreview } from './HaikuPreview.js';
import { TaskCard } from './TaskCard.js';

interface Props {
  config: SchedulerConfigView;
  status: SchedulerStatus;
  /** Set when the output folder cannot be used: no task can write, and the tasks say why. */
  folderProblem: OutputFolderProblem | undefined;
  onFixFolder: () => void;
  /** The newest haiku file's name: the haiku card shows it, and re-reads it when it changes. */
  newestHaiku: string | null;
}

export function TasksSection({ config, status, folderProblem, onFixFolder, newestHaiku }: Props) {
  const { t } = useI18n();
  return (
    <section id="tasks" aria-labelledby="tasks-title" className="section">
      <h2 id="tasks-title">{t('tasks.heading')}</h2>
      {folderProblem ? (
        <div className="banner error" role="alert">
          <p>{t('tasks.cannotRun', { problem: t(`files.problem.${folderProblem}`, { path: config.output_dir }) })}</p>
          <button type="button" onClick={onFixFolder}>
            {t('tasks.fixFolder')}
          </button>
        </div>
      ) : null}
      <div className="task-list">
        {config.tasks.map((task) => (
          <TaskCard
            key={task.name}
            task={task}
            status={status.tasks.find((s) => s.name === task.name) ?? null}
            blocked={folderProblem !== undefined}
          >
            {task.name === 'generate_haiku_scheduled' ? <HaikuPreview newest={newestHaiku} /> : null}
          </TaskCard>
        ))}
      </div>
    </section>
  );
}
