import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/messages.js';
import { checkSchedule, describeSchedule, draftFromTask, scheduleChanged, type TaskView } from './schedule-form.js';

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
  it('says in words what the timers will do', () => {
    expect(describeSchedule(task, en)).toBe('Every day at 10:00');
    expect(describeSchedule(task, fr)).toBe('Tous les jours à 10:00');
    expect(describeSchedule({ ...task, unit: 'week', frequency: 2, day: 'sunday' }, fr)).toBe(
      'Toutes les 2 semaine(s), le dimanche à 10:00',
    );
    expect(describeSchedule({ ...task, unit: 'month', day: 15 }, en)).toBe('Every 1 month(s) on day 15 at 10:00');
    expect(describeSchedule({ ...task, unit: 'hour', frequency: 6 }, en)).toBe('Every 6 hour(s), starting at 10:00');
  });
});
