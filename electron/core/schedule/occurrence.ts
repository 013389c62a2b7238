/**
 * When a task runs next: a pure function of its schedule fields and a moment, in the
 * process's local time zone (TZ). node-schedule is only ever given the single Date this
 * returns, never a recurrence rule, so its known DST and sleep misfires cannot shift or
 * double a run.
 *
 * The rules (every occurrence is a local wall time HH:MM of `time`):
 * - `day`:   every `frequency` days, counted from 1970-01-01 (day number % frequency === 0),
 *            so the rhythm is the same whatever the app was doing and across restarts.
 * - `hour`:  each day, at the hours h (0–23) with h ≡ HH (mod frequency), minute MM: with
 *            time 06:15 and frequency 6 → 00:15, 06:15, 12:15, 18:15. The pattern restarts
 *            every day at its anchor, so it never drifts; frequency ≥ 24 means once a day.
 * - `week`:  on weekday `day`, every `frequency` weeks counted from the Monday 1969-12-29.
 * - `month`: on day `day` of every `frequency`-th month counted from January 1970
 *            (month number % frequency === 0), clamped to the month's last day (31 → 30 April,
 *            28/29 February).
 * Daylight saving time: a wall time that does not exist (spring, 02:30 in Europe/Paris) runs
 * at the first minute after the gap (03:00); a wall time that occurs twice (autumn) runs at
 * the first of the two only. Each calendar day therefore yields each slot exactly once.
 */
import { WEEKDAYS, type TaskConfig } from '../../../shared/config.js';

export type ScheduleFields = Pick<TaskConfig, 'time' | 'frequency' | 'unit' | 'day'>;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A local calendar date, month 0-based as in Date. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export function nextOccurrence(task: ScheduleFields, after: Date): Date {
  const { hour, minute } = parseTime(task.time);
  const frequency = Math.max(1, Math.floor(task.frequency));
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new Error('nextOccurrence: "after" is not a valid date');
  // Start one day early: a slot of the previous local date can never be later than
  // `after`, but starting there keeps the loop simple around midnight and DST edges.
  const start = addDays(localDateOf(after), -1);

  if (task.unit === 'month') {
    const dayOfMonth = typeof task.day === 'number' ? task.day : 1;
    let monthIndex = start.year * 12 + start.month;
    for (let i = 0; i < frequency + 3; i++, monthIndex++) {
      if (mod(monthIndex - 1970 * 12, frequency) !== 0) continue;
      const year = Math.floor(monthIndex / 12);
      const month = monthIndex % 12;
      const day = Math.min(dayOfMonth, daysInMonth(year, month));
      const at = resolveLocal({ year, month, day }, hour, minute);
      if (at.getTime() > afterMs) return at;
    }
    throw new Error(`nextOccurrence: no monthly slot found for ${describe(task)}`);
  }

  const horizon = task.unit === 'week' ? 7 * frequency + 9 : task.unit === 'day' ? frequency + 3 : 3;
  for (let i = 0; i < horizon; i++) {
    const date = addDays(start, i);
    if (!dateMatches(task.unit, task.day, frequency, date)) continue;
    for (const slotHour of slotHours(task.unit, frequency, hour)) {
      const at = resolveLocal(date, slotHour, minute);
      if (at.getTime() > afterMs) return at;
    }
  }
  throw new Error(`nextOccurrence: no slot found for ${describe(task)}`);
}

/** What identifies a schedule: a change of any of these recomputes next_run_at, even across restarts. */
export function scheduleKey(task: ScheduleFields): string {
  const day = task.unit === 'week' || task.unit === 'month' ? task.day : null;
  return JSON.stringify({ unit: task.unit, frequency: task.frequency, time: task.time, day });
}

/**
 * The instant of local wall time HH:MM on `date`. Exists → the earliest instant showing it
 * (the first of two on the autumn day); falls in a spring-forward gap → the first instant
 * after the gap.
 */
export function resolveLocal(date: LocalDate, hour: number, minute: number): Date {
  const wanted = Date.UTC(date.year, date.month, date.day, hour, minute);
  let at = new Date(date.year, date.month, date.day, hour, minute, 0, 0).getTime();
  if (wallKey(at) === wanted) {
    // A repeated hour: the same wall time may also exist 30 or 60 minutes earlier.
    for (const back of [60, 30]) {
      if (wallKey(at - back * MINUTE) === wanted) return new Date(at - back * MINUTE);
    }
    return new Date(at);
  }
  // In a gap. Engines place such times after the gap (or before it): walk to its edge.
  let guard = 0;
  if (wallKey(at) > wanted) {
    while (wallKey(at - MINUTE) > wanted && guard++ < 24 * 60) at -= MINUTE;
  } else {
    while (wallKey(at) < wanted && guard++ < 24 * 60) at += MINUTE;
  }
  return new Date(at);
}

export function parseTime(time: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new Error(`invalid task time "${time}": expected HH:MM in 24-hour local time, e.g. "06:00"`);
  }
  return { hour, minute };
}

function dateMatches(unit: TaskConfig['unit'], day: TaskConfig['day'], frequency: number, date: LocalDate): boolean {
  const dayNumber = Date.UTC(date.year, date.month, date.day) / DAY;
  if (unit === 'day') return mod(dayNumber, frequency) === 0;
  if (unit === 'week') {
    // 1970-01-01 was a Thursday: +3 makes weeks start on Monday.
    const weekday = WEEKDAYS[mod(dayNumber + 3, 7)];
    if (weekday !== day) return false;
    return mod(Math.floor((dayNumber + 3) / 7), frequency) === 0;
  }
  return true; // hour: every day has slots
}

function slotHours(unit: TaskConfig['unit'], frequency: number, anchor: number): number[] {
  if (unit !== 'hour' || frequency >= 24) return [anchor];
  const hours: number[] = [];
  for (let h = anchor % frequency; h < 24; h += frequency) hours.push(h);
  return hours;
}

/** Local wall time of an instant as a comparable number (UTC fields hold the local ones). */
function wallKey(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes());
}

function localDateOf(date: Date): LocalDate {
  return { year: date.getFullYear(), month: date.getMonth(), day: date.getDate() };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

function describe(task: ScheduleFields): string {
  return `unit=${task.unit} frequency=${task.frequency} time=${task.time} day=${String(task.day)}`;
}
