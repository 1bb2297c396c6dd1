import { describe, expect, it } from 'vitest';
import { recurrenceFromRRule } from './recurrence';

describe('recurrenceFromRRule', () => {
  it('turns a plain repetition into an interval anchored on DTSTART', () => {
    expect(recurrenceFromRRule('FREQ=SECONDLY;INTERVAL=2')).toMatchObject({ ok: true, recurrence: { intervals: [{ everySeconds: 2, offsetSeconds: 0 }], calendars: [] } });
    const daily = recurrenceFromRRule('DTSTART:20260101T083000Z\nRRULE:FREQ=DAILY;INTERVAL=3;COUNT=4');
    expect(daily).toMatchObject({ ok: true, recurrence: { intervals: [{ everySeconds: 3 * 86_400 }], limitedActions: 4, startAt: '2026-01-01T08:30:00.000Z' } });
    if (daily.ok) expect(daily.recurrence.intervals[0]!.offsetSeconds).toBe((Date.UTC(2026, 0, 1, 8, 30) / 1000) % (3 * 86_400));
  });

  it('turns BYxxx rules into calendar specs, filling unset fields from DTSTART', () => {
    expect(recurrenceFromRRule('DTSTART:20260105T083000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9')).toMatchObject({
      ok: true,
      recurrence: { intervals: [], calendars: [{ second: [0], minute: [30], hour: [9], dayOfWeek: ['MONDAY', 'FRIDAY'] }] },
    });
    expect(recurrenceFromRRule('DTSTART:20260115T070000Z\nRRULE:FREQ=YEARLY')).toMatchObject({
      ok: true,
      recurrence: { calendars: [{ hour: [7], minute: [0], month: ['JANUARY'], dayOfMonth: [15] }] },
    });
  });

  it('refuses what a schedule cannot express instead of approximating it', () => {
    for (const rule of ['FREQ=MONTHLY;BYDAY=2MO', 'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'FREQ=MONTHLY;INTERVAL=3', 'NOT A RULE']) {
      expect(recurrenceFromRRule(rule).ok, rule).toBe(false);
    }
  });
});
