/**
 * The schedule editor of a task: its text fields as typed (a draft), checked with the same
 * rules as the engine (shared/config.ts) before anything is sent. Bad input sends nothing.
 */
import { WEEKDAYS, normalizeTime, taskPatchSchema, timeSchema, type FrequencyUnit, type TaskPatch, type Weekday } from '../../../shared/config.js';
import type { SchedulerConfigView } from '../../../shared/api.js';
import { LOCALE_TAGS, type Locale, type MessageKey, type Translate } from '../i18n/messages.js';

export type TaskView = SchedulerConfigView['tasks'][number];

export interface ScheduleDraft {
  time: string;
  frequency: string;
  unit: FrequencyUnit;
  /** Used when unit is "week". */
  weekday: Weekday;
  /** Used when unit is "month": the text typed, 1–31. */
  monthDay: string;
}

export type ScheduleField = 'time' | 'frequency' | 'weekday' | 'monthDay';

export type ScheduleCheck =
  | { ok: true; patch: Required<Pick<TaskPatch, 'time' | 'frequency' | 'unit' | 'day'>> }
  | { ok: false; errors: Partial<Record<ScheduleField, MessageKey>> };

export function draftFromTask(task: TaskView): ScheduleDraft {
  return {
    time: task.time,
    frequency: String(task.frequency),
    unit: task.unit,
    weekday: typeof task.day === 'string' ? task.day : 'monday',
    monthDay: typeof task.day === 'number' ? String(task.day) : '1',
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export function checkSchedule(draft: ScheduleDraft): ScheduleCheck {
  const errors: Partial<Record<ScheduleField, MessageKey>> = {};
  const time = normalizeTime(draft.time);
  if (!timeSchema.safeParse(time).success) errors.time = 'task.invalid.time';
  const frequency = wholeNumber(draft.frequency, 1, 1000);
  if (frequency === null) errors.frequency = 'task.invalid.frequency';
  let day: Weekday | number | null = null;
  if (draft.unit === 'week') {
    if ((WEEKDAYS as readonly string[]).includes(draft.weekday)) day = draft.weekday;
    else errors.weekday = 'task.invalid.weekday';
  }
  if (draft.unit === 'month') {
    day = wholeNumber(draft.monthDay, 1, 31);
    if (day === null) errors.monthDay = 'task.invalid.monthDay';
  }
  if (Object.keys(errors).length > 0 || frequency === null) return { ok: false, errors };
  const patch = { time, frequency, unit: draft.unit, day };
  // The engine's own schema has the last word, so the window never sends what it would refuse.
  if (!taskPatchSchema.safeParse(patch).success) return { ok: false, errors: { time: 'task.invalid.time' } };
  return { ok: true, patch };
}

/** True when the draft would change what the task has now. */
export function scheduleChanged(draft: ScheduleDraft, task: TaskView): boolean {
  const check = checkSchedule(draft);
  if (!check.ok) return true;
  const { patch } = check;
  return patch.time !== task.time || patch.frequency !== task.frequency || patch.unit !== task.unit || patch.day !== task.day;
}

/**
 * What the timers really do, in words: "Tous les jours à 06:00", "Toutes les 8 heures : 01:30,
 * 09:30 et 17:30" (the engine anchors hourly slots on the time's hour modulo the interval, so
 * the list shows the real times, not "from 09:30"), "Tous les mois, le 31 à 06:00 (ou le dernier
 * jour d'un mois plus court)". Mirrors electron/core/schedule/occurrence.ts.
 */
export function describeSchedule(task: Pick<TaskView, 'time' | 'frequency' | 'unit' | 'day'>, t: Translate, locale: Locale): string {
  const n = task.frequency;
  const time = task.time;
  switch (task.unit) {
    case 'hour': {
      if (n >= 24) return t('schedule.hourDaily', { time });
      return t('schedule.hour', { n, slots: slotList(hourlySlots(time, n), locale) });
    }
    case 'day':
      return t('schedule.day', { n, time });
    case 'week': {
      const weekday = typeof task.day === 'string' ? t(`weekday.${task.day}`) : '?';
      return t('schedule.week', { n, weekday, time });
    }
    case 'month': {
      const day = typeof task.day === 'number' ? task.day : 1;
      const text = t('schedule.month', { n, time, day: locale === 'fr' && day === 1 ? '1er' : String(day) });
      return day > 28 ? t('schedule.monthEnd', { text }) : text;
    }
  }
}

/** The local times of day an hourly task runs at: hours ≡ HH (mod n), minute MM. */
export function hourlySlots(time: string, n: number): string[] {
  const [hh = '0', mm = '00'] = time.split(':');
  const anchor = Number(hh);
  const slots: string[] = [];
  for (let h = anchor % n; h < 24; h += n) slots.push(`${String(h).padStart(2, '0')}:${mm}`);
  return slots;
}

/** "01:30, 09:30 et 17:30"; a long list keeps its ends: "00:30, 01:30, …, 23:30". */
function slotList(slots: string[], locale: Locale): string {
  if (slots.length <= 6) return new Intl.ListFormat(LOCALE_TAGS[locale], { type: 'conjunction' }).format(slots);
  return `${slots[0]}, ${slots[1]}, …, ${slots[slots.length - 1]}`;
}
