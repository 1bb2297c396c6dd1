import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recurrenceFromRRule } from './recurrence';

describe('recurrenceFromRRule', () => {
  it('turns a plain repetition into an interval anchored on DTSTART', () => {
    expect(recurrenceFromRRule('FREQ=DAILY;INTERVAL=2')).toMatchObject({ ok: true, recurrence: { intervals: [{ everySeconds: 2 * 86_400, offsetSeconds: 0 }], calendars: [] } });
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
      expect(recurrenceFromRRule(rule), rule).toMatchObject({ ok: false, reason: 'unsupported' });
    }
  });
});

describe('the once-a-day floor', () => {
  const tooFrequent = [
    'FREQ=SECONDLY',
    'FREQ=SECONDLY;INTERVAL=2',
    'FREQ=MINUTELY',
    'FREQ=MINUTELY;INTERVAL=1439',
    'FREQ=HOURLY',
    'FREQ=HOURLY;INTERVAL=23',
    'FREQ=MINUTELY;BYHOUR=9',
    'FREQ=SECONDLY;BYDAY=MO',
    'FREQ=HOURLY;BYDAY=MO',
    'FREQ=DAILY;BYHOUR=9,17',
    'FREQ=DAILY;BYMINUTE=0,30',
    'FREQ=DAILY;BYSECOND=0,1',
    'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8,12,16',
    'FREQ=HOURLY;BYHOUR=9,10',
    'DTSTART:20260101T080000Z\nRRULE:FREQ=HOURLY;COUNT=3',
  ];

  it('refuses every rule that runs more than once a day, saying why', () => {
    for (const rule of tooFrequent) {
      const result = recurrenceFromRRule(rule);
      expect(result, rule).toMatchObject({ ok: false, reason: 'too-frequent' });
      if (!result.ok) expect(result.message, rule).toMatch(/at most once a day/);
    }
    const hourly = recurrenceFromRRule('FREQ=HOURLY;INTERVAL=6');
    expect(hourly.ok === false && hourly.message).toMatch(/every 6 hours/);
    const twice = recurrenceFromRRule('FREQ=DAILY;BYHOUR=9,17');
    expect(twice.ok === false && twice.message).toMatch(/2 times/);
  });

  it('accepts daily as the floor and anything rarer, including several days a week', () => {
    const fine = [
      'FREQ=DAILY',
      'FREQ=DAILY;INTERVAL=1',
      'FREQ=HOURLY;INTERVAL=24',
      'FREQ=MINUTELY;INTERVAL=1440',
      'FREQ=SECONDLY;INTERVAL=86400',
      'FREQ=DAILY;BYHOUR=9',
      'FREQ=DAILY;BYHOUR=9,9',
      'FREQ=HOURLY;BYHOUR=9',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU',
      'DTSTART:20260105T083000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=9',
      'FREQ=MONTHLY;BYMONTHDAY=1,15',
      'FREQ=YEARLY',
    ];
    for (const rule of fine) expect(recurrenceFromRRule(rule).ok, rule).toBe(true);
  });

  it('holds for any interval: accepted exactly when the rule repeats at most once a day', () => {
    const units = [['SECONDLY', 1], ['MINUTELY', 60], ['HOURLY', 3600], ['DAILY', 86_400], ['WEEKLY', 604_800]] as const;
    fc.assert(
      fc.property(fc.constantFrom(...units), fc.integer({ min: 1, max: 200_000 }), ([freq, seconds], interval) => {
        const result = recurrenceFromRRule(`FREQ=${freq};INTERVAL=${interval}`);
        expect(result.ok).toBe(interval * seconds >= 86_400);
      }),
    );
  });

  it('holds for calendars: accepted exactly when one time of day is left', () => {
    const times = fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 });
    const minutes = fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(times, minutes, (hours, mins) => {
        const result = recurrenceFromRRule(`FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=${hours.join(',')};BYMINUTE=${mins.join(',')}`);
        expect(result.ok).toBe(hours.length * mins.length === 1);
      }),
    );
  });
});
