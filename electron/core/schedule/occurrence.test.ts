import { describe, expect, it } from 'vitest';
import type { TaskConfig } from '../../../shared/config.js';
import { isoLocal } from '../time-format.js';
import { nextOccurrence, scheduleKey } from './occurrence.js';

const task = (fields: Partial<TaskConfig>): TaskConfig => ({
  name: 'generate_haiku_scheduled',
  enabled: true,
  time: '06:00',
  frequency: 1,
  unit: 'day',
  day: null,
  description: '',
  ...fields,
});

/** Local wall time in Europe/Paris (vitest.config.ts pins TZ). */
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s);
const next = (t: Partial<TaskConfig>, after: Date) => isoLocal(nextOccurrence(task(t), after));

/** Every occurrence in [from, to). */
function occurrences(t: Partial<TaskConfig>, from: Date, to: Date): string[] {
  const out: string[] = [];
  let cursor = new Date(from.getTime() - 1);
  for (;;) {
    const n = nextOccurrence(task(t), cursor);
    if (n >= to) return out;
    out.push(isoLocal(n));
    cursor = n;
  }
}

describe('nextOccurrence', () => {
  it('runs in the Europe/Paris zone for these tests', () => {
    expect(process.env.TZ).toBe('Europe/Paris');
  });

  it('daily: today when the time is still ahead, tomorrow once it has passed (strictly after)', () => {
    expect(next({ time: '06:00' }, at(2026, 1, 31, 5, 59))).toBe('2026-01-31T06:00:00.000+01:00');
    expect(next({ time: '06:00' }, at(2026, 1, 31, 6, 0))).toBe('2026-02-01T06:00:00.000+01:00');
    expect(next({ time: '23:59' }, at(2026, 12, 31, 23, 59, 30))).toBe('2027-01-01T23:59:00.000+01:00');
  });

  it('every N days keeps a fixed rhythm counted from 1970-01-01, whatever the starting point', () => {
    const list = occurrences({ time: '08:00', frequency: 3 }, at(2026, 2, 1), at(2026, 2, 16));
    expect(list).toHaveLength(5);
    const days = list.map((iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
    for (const d of days) expect(d % 3).toBe(0);
    for (let i = 1; i < days.length; i++) expect(days[i]! - days[i - 1]!).toBe(3);
    // Asking from the middle of a gap gives the same calendar.
    expect(next({ time: '08:00', frequency: 3 }, new Date(list[1]!))).toBe(list[2]);
  });

  it('hourly: every N hours at minute MM, anchored at HH:MM of each day', () => {
    expect(occurrences({ unit: 'hour', time: '06:15', frequency: 6 }, at(2026, 2, 1), at(2026, 2, 2))).toEqual([
      '2026-02-01T00:15:00.000+01:00',
      '2026-02-01T06:15:00.000+01:00',
      '2026-02-01T12:15:00.000+01:00',
      '2026-02-01T18:15:00.000+01:00',
    ]);
    expect(occurrences({ unit: 'hour', time: '06:00', frequency: 5 }, at(2026, 2, 1), at(2026, 2, 2)).map((s) => s.slice(11, 16))).toEqual([
      '01:00',
      '06:00',
      '11:00',
      '16:00',
      '21:00',
    ]);
    expect(occurrences({ unit: 'hour', time: '00:30', frequency: 1 }, at(2026, 2, 1), at(2026, 2, 2))).toHaveLength(24);
    // 24 hours or more: once a day at HH:MM.
    expect(occurrences({ unit: 'hour', time: '07:45', frequency: 30 }, at(2026, 2, 1), at(2026, 2, 4)).map((s) => s.slice(11, 16))).toEqual([
      '07:45',
      '07:45',
      '07:45',
    ]);
  });

  it('weekly: on the weekday, every N weeks', () => {
    // 2026-02-01 is a Sunday.
    expect(next({ unit: 'week', day: 'sunday', time: '10:00' }, at(2026, 2, 1, 9))).toBe('2026-02-01T10:00:00.000+01:00');
    expect(next({ unit: 'week', day: 'sunday', time: '10:00' }, at(2026, 2, 1, 10))).toBe('2026-02-08T10:00:00.000+01:00');
    expect(next({ unit: 'week', day: 'wednesday', time: '10:00' }, at(2026, 2, 1, 10))).toBe('2026-02-04T10:00:00.000+01:00');
    const biweekly = occurrences({ unit: 'week', day: 'monday', time: '09:00', frequency: 2 }, at(2026, 1, 1), at(2026, 3, 1));
    expect(biweekly.length).toBe(4);
    for (const iso of biweekly) expect(new Date(iso).getDay()).toBe(1);
    for (let i = 1; i < biweekly.length; i++) {
      expect(new Date(biweekly[i]!).getTime() - new Date(biweekly[i - 1]!).getTime()).toBe(14 * 86_400_000);
    }
  });

  it('monthly: on the day of the month, clamped to the last day, every N months', () => {
    expect(occurrences({ unit: 'month', day: 31, time: '12:00' }, at(2026, 1, 1), at(2026, 6, 1)).map((s) => s.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    expect(next({ unit: 'month', day: 29, time: '12:00' }, at(2028, 2, 1))).toBe('2028-02-29T12:00:00.000+01:00');
    const quarterly = occurrences({ unit: 'month', day: 1, time: '00:00', frequency: 3 }, at(2026, 1, 1), at(2027, 1, 1));
    expect(quarterly.map((s) => s.slice(0, 10))).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
  });

  describe('DST in Europe/Paris', () => {
    it('spring (2026-03-29, 02:00 → 03:00): 02:30 does not exist and runs once at 03:00; 06:00 runs once', () => {
      const daily0230 = occurrences({ time: '02:30' }, at(2026, 3, 27), at(2026, 4, 1));
      expect(daily0230).toEqual([
        '2026-03-27T02:30:00.000+01:00',
        '2026-03-28T02:30:00.000+01:00',
        '2026-03-29T03:00:00.000+02:00',
        '2026-03-30T02:30:00.000+02:00',
        '2026-03-31T02:30:00.000+02:00',
      ]);
      expect(occurrences({ time: '06:00' }, at(2026, 3, 29), at(2026, 3, 30))).toEqual(['2026-03-29T06:00:00.000+02:00']);
    });

    it('autumn (2026-10-25, 03:00 → 02:00): 02:30 happens twice and runs at the first only; 06:00 runs once', () => {
      const daily0230 = occurrences({ time: '02:30' }, at(2026, 10, 24), at(2026, 10, 27));
      expect(daily0230).toEqual([
        '2026-10-24T02:30:00.000+02:00',
        '2026-10-25T02:30:00.000+02:00',
        '2026-10-26T02:30:00.000+01:00',
      ]);
      // Asked during the repeated hour (02:15 CET, after the first 02:30): tomorrow, not the second 02:30.
      const secondPass = new Date('2026-10-25T02:15:00.000+01:00');
      expect(next({ time: '02:30' }, secondPass)).toBe('2026-10-26T02:30:00.000+01:00');
      expect(occurrences({ time: '06:00' }, at(2026, 10, 25), at(2026, 10, 26))).toEqual(['2026-10-25T06:00:00.000+01:00']);
    });

    it('hourly tasks keep one run per wall-clock slot on both change days', () => {
      const spring = occurrences({ unit: 'hour', time: '00:00' }, at(2026, 3, 29), at(2026, 3, 30));
      expect(spring).toHaveLength(23); // 02:00 does not exist: 03:00 is the one run of both slots
      expect(new Set(spring).size).toBe(spring.length);
      const autumn = occurrences({ unit: 'hour', time: '00:30' }, at(2026, 10, 25), at(2026, 10, 26));
      expect(autumn).toHaveLength(24); // 02:30 only once
      expect(autumn.filter((s) => s.slice(11, 16) === '02:30')).toEqual(['2026-10-25T02:30:00.000+02:00']);
    });
  });

  it('rejects a malformed time with a message naming it', () => {
    expect(() => nextOccurrence(task({ time: '25:00' }), at(2026, 1, 1))).toThrow(/invalid task time "25:00"/);
  });
});

describe('scheduleKey', () => {
  it('changes with the schedule fields only', () => {
    const base = scheduleKey(task({}));
    expect(scheduleKey(task({ description: 'other', enabled: false }))).toBe(base);
    expect(scheduleKey(task({ time: '06:01' }))).not.toBe(base);
    expect(scheduleKey(task({ frequency: 2 }))).not.toBe(base);
    expect(scheduleKey(task({ unit: 'hour' }))).not.toBe(base);
    expect(scheduleKey(task({ unit: 'week', day: 'monday' }))).not.toBe(scheduleKey(task({ unit: 'week', day: 'sunday' })));
  });
});
