import { useId, useState, type FormEvent } from 'react';
import { UNITS, WEEKDAYS } from '../../../shared/config.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import {
  checkSchedule,
  draftFromTask,
  scheduleChanged,
  type ScheduleDraft,
  type ScheduleField,
  type TaskView,
} from '../state/schedule-form.js';
import { useAction } from '../state/use-action.js';
import { FieldError } from './FieldError.js';

interface Props {
  task: TaskView;
  /** The task's name without its emoji, so every control is named for its task ("Heure — Haïkus"). */
  name: string;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}

/** Time, frequency, unit and day of one task; nothing is sent until it is valid. */
export function TaskSchedule({ task, name, saved, onSaved }: Props) {
  const { t } = useI18n();
  const { api, reloadConfig } = useApp();
  const id = useId();
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftFromTask(task));
  // A schedule changed elsewhere (or just saved) replaces the draft without remounting the
  // form, so the focused control keeps the focus.
  const taskKey = `${task.time}|${task.frequency}|${task.unit}|${String(task.day)}`;
  const [shownKey, setShownKey] = useState(taskKey);
  if (shownKey !== taskKey) {
    setShownKey(taskKey);
    setDraft(draftFromTask(task));
  }
  const forTask = <span className="visually-hidden"> — {name}</span>;
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const save = useAction(async () => {
    const check = checkSchedule(draft);
    if (!check.ok) {
      setErrors(Object.fromEntries(Object.entries(check.errors).map(([field, key]) => [field, t(key)])));
      return;
    }
    await api.updateTask(task.name, check.patch);
    onSaved(true);
    await reloadConfig();
  });

  const change = (patch: Partial<ScheduleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors({});
    onSaved(false);
  };
  const dirty = scheduleChanged(draft, task);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty) void save.run();
  };
  const frequencyNumber = /^\d+$/.test(draft.frequency.trim()) ? Number(draft.frequency) : 2;
  const invalid = (field: ScheduleField) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});

  return (
    <form className="schedule-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-time`}>{t('task.time')}
          {forTask}
        </label>
        {/* Text, not type="time": the engine's times are 24-hour whatever the OS locale, and a
            native time field would show 06:00 AM to an English user. */}
        <input
          id={`${id}-time`}
          type="text"
          className="time"
          inputMode="numeric"
          placeholder="HH:MM"
          maxLength={5}
          autoComplete="off"
          value={draft.time}
          onChange={(e) => change({ time: e.currentTarget.value })}
          {...invalid('time')}
        />
        <FieldError id={`${id}-time-error`} message={errors.time} />
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-frequency`}>{t('task.frequency')}
          {forTask}
        </label>
        <input
          id={`${id}-frequency`}
          type="number"
          min={1}
          max={1000}
          step={1}
          inputMode="numeric"
          value={draft.frequency}
          onChange={(e) => change({ frequency: e.currentTarget.value })}
          {...invalid('frequency')}
        />
        <FieldError id={`${id}-frequency-error`} message={errors.frequency} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('task.unit')}
          {forTask}
        </label>
        <select id={`${id}-unit`} value={draft.unit} onChange={(e) => change({ unit: e.currentTarget.value as ScheduleDraft['unit'] })}>
          {UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`task.unit.${unit}`, { n: frequencyNumber })}
            </option>
          ))}
        </select>
      </div>
      {draft.unit === 'week' ? (
        <div className="field">
          <label htmlFor={`${id}-weekday`}>{t('task.weekday')}
            {forTask}
          </label>
          <select
            id={`${id}-weekday`}
            value={draft.weekday}
            onChange={(e) => change({ weekday: e.currentTarget.value as ScheduleDraft['weekday'] })}
            {...invalid('weekday')}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {t(`weekday.${day}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-weekday-error`} message={errors.weekday} />
        </div>
      ) : null}
      {draft.unit === 'month' ? (
        <div className="field narrow">
          <label htmlFor={`${id}-monthDay`}>{t('task.monthDay')}
            {forTask}
          </label>
          <input
            id={`${id}-monthDay`}
            type="number"
            min={1}
            max={31}
            step={1}
            inputMode="numeric"
            value={draft.monthDay}
            onChange={(e) => change({ monthDay: e.currentTarget.value })}
            {...invalid('monthDay')}
          />
          <FieldError id={`${id}-monthDay-error`} message={errors.monthDay} />
        </div>
      ) : null}
      <div className="field actions">
        {/* aria-disabled, not disabled: a disabled button drops the focus to <body>. */}
        <button type="submit" aria-disabled={save.pending || !dirty}>
          {save.pending ? t('common.saving') : t('task.save')}
          {forTask}
        </button>
      </div>
      <p className="form-note" role="status">
        {dirty ? <span className="muted">{t('task.unsaved')}</span> : saved ? t('task.saved') : null}
      </p>
      {save.error ? (
        <p role="alert" className="error-text">
          {t('common.error', { message: save.error })}
        </p>
      ) : null}
    </form>
  );
}
