import type { SchedulerConfigView, SchedulerStatus } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { TaskCard } from './TaskCard.js';

export function TasksSection({ config, status }: { config: SchedulerConfigView; status: SchedulerStatus }) {
  const { t } = useI18n();
  return (
    <section id="tasks" aria-labelledby="tasks-title" className="section">
      <h2 id="tasks-title">{t('tasks.heading')}</h2>
      <div className="task-list">
        {config.tasks.map((task) => (
          <TaskCard key={task.name} task={task} status={status.tasks.find((s) => s.name === task.name) ?? null} />
        ))}
      </div>
    </section>
  );
}
