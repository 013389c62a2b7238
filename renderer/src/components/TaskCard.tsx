import { useState, type ReactNode } from 'react';
import type { TaskStatus } from '../../../shared/api.js';
import { TASKS } from '../../../shared/tasks.js';
import { useI18n } from '../i18n/context.js';
import { formatDateTime } from '../state/format.js';
import { useApp } from '../state/app-context.js';
import { describeSchedule, type TaskView } from '../state/schedule-form.js';
import { useAction } from '../state/use-action.js';
import { taskName } from '../state/task-label.js';
import { RunNow } from './RunNow.js';
import { TaskLabel } from './TaskLabel.js';
import { RunSummary } from './RunSummary.js';
import { TaskSchedule } from './TaskSchedule.js';
import { ActionError } from './ActionError.js';

/** One scheduled task: on/off, its schedule, when it runs next, how it ran last, run now. */
interface Props {
  task: TaskView;
  status: TaskStatus | null;
  blocked: boolean;
  /** What the task made, shown under its controls (the haiku card's latest haikus). */
  children?: ReactNode;
}

export function TaskCard({ task, status, blocked, children }: Props) {
  const { t, locale } = useI18n();
  const { api, reloadConfig } = useApp();
  const meta = TASKS[task.name];
  const label = meta.label[locale];
  const name = taskName(label);
  const titleId = `task-${task.name}-title`;
  // The seed's descriptions are French; an unedited one is shown in the window's language.
  const description = task.description === meta.description && locale === 'en' ? EN_DESCRIPTIONS[task.name] : task.description;
  const [saved, setSaved] = useState(false);

  const toggle = useAction(async (enabled: boolean) => {
    await api.updateTask(task.name, { enabled });
    await reloadConfig();
  });

  return (
    <section className="card task-card" aria-labelledby={titleId}>
      <div className="task-head">
        <div>
          <h3 id={titleId}>
            <TaskLabel label={label} />
          </h3>
          <p className="muted">{description}</p>
        </div>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={task.enabled}
            aria-disabled={toggle.pending}
            onChange={(e) => void toggle.run(e.currentTarget.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
          <span>
            {t('task.enabled')}
            <span className="visually-hidden"> — {name}</span>
          </span>
        </label>
      </div>
      {blocked ? <p className="error-text small">{t('task.blocked')}</p> : null}
      <ActionError message={toggle.error} />
      <div className="task-body">
        <div className="task-schedule">
          <p className="schedule-text">{describeSchedule(task, t, locale)}</p>
          <TaskSchedule
            task={task}
            name={name}
            saved={saved}
            onSaved={setSaved}
          />
        </div>
        <dl className="facts">
          <div>
            <dt>{t('task.nextRun')}</dt>
            <dd data-testid="next-run">
              {status?.next_run_at && task.enabled ? formatDateTime(status.next_run_at, locale) : t('task.notScheduled')}
            </dd>
          </div>
          <div>
            <dt>{t('task.lastRun')}</dt>
            <dd>{status?.last_run ? <RunSummary run={status.last_run} /> : t('task.neverRun')}</dd>
          </div>
        </dl>
      </div>
      <RunNow task={task.name} label={name} running={status?.running ?? false} lastRunId={status?.last_run?.id ?? null} />
      {children}
    </section>
  );
}

const EN_DESCRIPTIONS: Record<TaskView['name'], string> = {
  generate_haiku_scheduled: 'Haikus for 5 random albums',
  export_collection_markdown: 'The whole collection as Markdown',
  export_collection_json: 'The whole collection as JSON',
  sync_collection: 'Sync of the linked sources (Discogs, files)',
};
