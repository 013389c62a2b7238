import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/messages.js';
import { nextOccurrence } from '../../../electron/core/schedule/occurrence.js';
import { checkSchedule, describeSchedule, draftFromTask, hourlySlots, scheduleChanged, type TaskView } from './schedule-form.js';

const task: TaskView = {
  name: 'export_collection_json',
  enabled: true,
  frequency: 1,
  unit: 'day',
  time: '10:00',
  day: null,
  description: 'Export de la collection complète en JSON',
};

describe('checkSchedule', () => {
  it('turns a valid daily draft into the patch the engine expects', () => {
    const check = checkSchedule({ ...draftFromTask(task), time: '07:30' });
    expect(check).toEqual({ ok: true, patch: { time: '07:30', frequency: 1, unit: 'day', day: null } });
  });

  it('sends the weekday for a weekly task and the day number for a monthly one', () => {
    expect(checkSchedule({ ...draftFromTask(task), unit: 'week', weekday: 'sunday', frequency: '2' })).toEqual({
      ok: true,
      patch: { time: '10:00', frequency: 2, unit: 'week', day: 'sunday' },
    });
    expect(checkSchedule({ ...draftFromTask(task), unit: 'month', monthDay: '31' })).toEqual({
      ok: true,
      patch: { time: '10:00', frequency: 1, unit: 'month', day: 31 },
    });
  });

  it.each(['', '24:00', '12:60', '730', 'noon', '6:5'])('refuses the time %j', (time) => {
    const check = checkSchedule({ ...draftFromTask(task), time });
    expect(check).toEqual({ ok: false, errors: { time: 'task.invalid.time' } });
  });

  it.each([
    ['7:30', '07:30'],
    [' 07h30 ', '07:30'],
    ['23.59', '23:59'],
  ])('reads the time %j as %j', (time, expected) => {
    expect(checkSchedule({ ...draftFromTask(task), time })).toMatchObject({ ok: true, patch: { time: expected } });
  });

  it.each(['0', '1.5', '', '1001', 'abc', '-2', '1e2'])('refuses the frequency %j', (frequency) => {
    expect(checkSchedule({ ...draftFromTask(task), frequency })).toEqual({
      ok: false,
      errors: { frequency: 'task.invalid.frequency' },
    });
  });

  it.each(['0', '32', '', '2.5'])('refuses the day of the month %j', (monthDay) => {
    expect(checkSchedule({ ...draftFromTask(task), unit: 'month', monthDay })).toEqual({
      ok: false,
      errors: { monthDay: 'task.invalid.monthDay' },
    });
  });

  it('ignores the day fields for units that do not use them', () => {
    expect(checkSchedule({ ...draftFromTask(task), unit: 'hour', monthDay: 'junk' })).toMatchObject({ ok: true, patch: { day: null } });
  });

  it('reports every bad field at once', () => {
    const check = checkSchedule({ ...draftFromTask(task), time: 'x', frequency: '0', unit: 'month', monthDay: '40' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.errors).sort()).toEqual(['frequency', 'monthDay', 'time']);
  });
});

describe('draftFromTask / scheduleChanged', () => {
  it('starts unchanged and notices an edit', () => {
    const draft = draftFromTask(task);
    expect(scheduleChanged(draft, task)).toBe(false);
    expect(scheduleChanged({ ...draft, time: '10:01' }, task)).toBe(true);
    expect(scheduleChanged({ ...draft, frequency: ' 1 ' }, task)).toBe(false);
  });

  it('reads the day of a weekly and a monthly task into the draft', () => {
    expect(draftFromTask({ ...task, unit: 'week', day: 'friday' })).toMatchObject({ weekday: 'friday' });
    expect(draftFromTask({ ...task, unit: 'month', day: 15 })).toMatchObject({ monthDay: '15' });
  });
});

describe('describeSchedule', () => {
  const en = translator('en');
  const fr = translator('fr');
  it('says in words what the timers will do, with correct plurals and no "1 month(s)"', () => {
    expect(describeSchedule(task, en, 'en')).toBe('Every day at 10:00');
    expect(describeSchedule(task, fr, 'fr')).toBe('Tous les jours à 10:00');
    expect(describeSchedule({ ...task, frequency: 3 }, fr, 'fr')).toBe('Tous les 3 jours à 10:00');
    expect(describeSchedule({ ...task, unit: 'week', day: 'sunday' }, fr, 'fr')).toBe('Chaque dimanche à 10:00');
    expect(describeSchedule({ ...task, unit: 'week', frequency: 2, day: 'sunday' }, fr, 'fr')).toBe(
      'Un dimanche toutes les 2 semaines à 10:00',
    );
    expect(describeSchedule({ ...task, unit: 'week', frequency: 2, day: 'sunday' }, en, 'en')).toBe('Every 2 weeks on Sunday at 10:00');
    expect(describeSchedule({ ...task, unit: 'month', day: 15 }, en, 'en')).toBe('Every month on day 15 at 10:00');
    expect(describeSchedule({ ...task, unit: 'month', day: 1 }, fr, 'fr')).toBe('Tous les mois, le 1er à 10:00');
    expect(describeSchedule({ ...task, unit: 'month', frequency: 3, day: 31 }, fr, 'fr')).toBe(
      'Tous les 3 mois, le 31 à 10:00 (ou le dernier jour d’un mois plus court)',
    );
    expect(describeSchedule({ ...task, unit: 'hour', frequency: 30 }, en, 'en')).toMatch(/^Once a day at 10:00/);
  });

  it('lists the real hourly times: every 8 hours from 09:30 runs at 01:30 too', () => {
    const hourly = { ...task, unit: 'hour' as const, time: '09:30', frequency: 8 };
    expect(describeSchedule(hourly, fr, 'fr')).toBe('Toutes les 8 heures : 01:30, 09:30 et 17:30');
    expect(describeSchedule(hourly, en, 'en')).toBe('Every 8 hours: 01:30, 09:30 and 17:30');
    expect(describeSchedule({ ...hourly, frequency: 1 }, fr, 'fr')).toBe('Toutes les heures : 00:30, 01:30, …, 23:30');
  });

  it('agrees with the engine’s own schedule for every hourly interval', () => {
    for (let n = 1; n < 24; n += 1) {
      for (const time of ['00:00', '06:15', '09:30', '23:59']) {
        const fields = { time, frequency: n, unit: 'hour' as const, day: null };
        // The engine's occurrences over one day (TZ is pinned; the 2nd of February has no DST change).
        const engine: string[] = [];
        let at = new Date(2026, 1, 2, 0, 0, 0);
        at = new Date(at.getTime() - 1);
        for (;;) {
          at = nextOccurrence(fields, at);
          if (at.getDate() !== 2) break;
          engine.push(`${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`);
        }
        expect(hourlySlots(time, n), `${time} every ${n} h`).toEqual(engine);
      }
    }
  });
});
