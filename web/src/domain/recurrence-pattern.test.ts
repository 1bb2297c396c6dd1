import { describe, expect, it } from 'vitest';
import { describeRRule } from '../../../domain/work-order/recurrence-words';
import { recurrenceFromRRule } from '../../../domain/work-order/recurrence';
import { zonedInstant } from '../../../domain/dispatch/shifts';
import { rruleOf, type RecurrencePattern } from './recurrence-pattern';

const base: RecurrencePattern = { freq: 'WEEKLY', interval: 1, weekdays: ['TH', 'MO'], monthDay: 15, month: 4, time: '09:30', timeZone: 'Europe/Amsterdam', startDate: '2027-01-04' };

describe("the plan form's recurrence", () => {
  it('writes weekly days at a local time as a calendar rule in the zone, which the API schedules', () => {
    const rule = rruleOf(base);
    expect(rule).toBe('DTSTART;TZID=Europe/Amsterdam:20270104T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=30');
    expect(describeRRule(rule)).toBe('Every week on Monday and Thursday at 09:30 (Europe/Amsterdam), from 4 January 2027');
    const scheduled = recurrenceFromRRule(rule);
    expect(scheduled.ok && scheduled.recurrence).toMatchObject({ timezone: 'Europe/Amsterdam', calendars: [{ hour: [9], minute: [30], dayOfWeek: ['MONDAY', 'THURSDAY'] }] });
  });

  it('writes monthly and yearly days of the month', () => {
    expect(rruleOf({ ...base, freq: 'MONTHLY' })).toContain('RRULE:FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=30');
    expect(describeRRule(rruleOf({ ...base, freq: 'YEARLY' }))).toBe('Every year on the 15th of April at 09:30 (Europe/Amsterdam), from 4 January 2027');
    expect(recurrenceFromRRule(rruleOf({ ...base, freq: 'YEARLY' })).ok).toBe(true);
  });

  it('writes every N weeks as an interval from the start instant in UTC, which the API accepts', () => {
    const rule = rruleOf({ ...base, interval: 2 });
    // 09:30 in Amsterdam in January (UTC+1) is 08:30 UTC.
    expect(rule).toBe('DTSTART:20270104T083000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2');
    const scheduled = recurrenceFromRRule(rule);
    expect(scheduled.ok && scheduled.recurrence.intervals).toEqual([{ everySeconds: 14 * 86_400, offsetSeconds: expect.any(Number) }]);
  });

  it('finds the UTC instant of a wall-clock time on both sides of daylight saving', () => {
    expect(new Date(zonedInstant('2027-07-01', '09:30', 'Europe/Amsterdam')).toISOString()).toBe('2027-07-01T07:30:00.000Z');
    expect(new Date(zonedInstant('2027-01-01', '09:30', 'Europe/Amsterdam')).toISOString()).toBe('2027-01-01T08:30:00.000Z');
    expect(new Date(zonedInstant('2027-03-28', '12:00', 'America/New_York')).toISOString()).toBe('2027-03-28T16:00:00.000Z');
    expect(new Date(zonedInstant('2027-03-28', '12:00', 'UTC')).toISOString()).toBe('2027-03-28T12:00:00.000Z');
  });
});
