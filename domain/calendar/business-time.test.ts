import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMillis, businessMillisBetween, isBusinessTime, nextOpening } from './business-time';
import { ALWAYS_OPEN, WEEKDAYS, minutesOf, type BusinessCalendar, type OpeningHours } from './calendar';

const MINUTE = 60_000;

/**
 * The reference: an instant is business time when its wall-clock time in the zone falls in
 * that day's hours, or in the previous day's hours that run past midnight — days that are not
 * holidays. Computed with Luxon, one instant at a time, independently of the fast code.
 */
function isBusinessReference(calendar: BusinessCalendar, at: number): boolean {
  const local = localClock(calendar.timeZone, at);
  const minute = local.hour * 60 + local.minute;
  const holiday = (date: string) => calendar.holidays.some((h) => (h.yearly ? h.date.slice(5) === date.slice(5) : h.date === date));
  const hoursOn = (date: string, weekday: number): OpeningHours[] => (holiday(date) ? [] : calendar.week[WEEKDAYS[weekday - 1]!]);
  const openToday = hoursOn(local.date, local.weekday).some(({ start, end }) => {
    const [s, e] = [minutesOf(start), minutesOf(end)];
    return e > s ? minute >= s && minute < e : minute >= s;
  });
  const openFromYesterday = hoursOn(local.yesterday, ((local.weekday + 5) % 7) + 1).some(({ start, end }) => {
    const [s, e] = [minutesOf(start), minutesOf(end)];
    return e <= s && minute < e;
  });
  return openToday || openFromYesterday;
}

/**
 * The zone's wall clock at an instant, from Luxon's offset. The reference steps minute by
 * minute over days, so Luxon is asked once per zone and quarter hour (every real offset
 * change falls on a quarter hour of UTC) and the wall clock is read from the shifted instant.
 */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * MINUTE;
function localClock(zone: string, at: number): { hour: number; minute: number; weekday: number; date: string; yesterday: string } {
  const quarter = Math.floor(at / QUARTER_HOUR);
  const key = `${zone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * QUARTER_HOUR, { zone }).offset * MINUTE;
    offsets.set(key, offset);
  }
  const wall = new Date(at + offset);
  const date = wall.toISOString().slice(0, 10);
  return {
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
    date,
    yesterday: new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10),
  };
}

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Chatham'];
// Around DST changes in 2026 in the zones above (and a few ordinary days).
const ANCHORS = ['2026-03-08T06:00Z', '2026-11-01T05:00Z', '2026-03-29T00:30Z', '2026-10-25T00:30Z', '2026-04-04T15:00Z', '2026-10-03T16:00Z', '2026-04-05T14:00Z', '2026-09-27T14:00Z', '2026-06-15T12:00Z', '2026-12-24T12:00Z'].map((iso) => Date.parse(iso));

const time = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((quarter) => `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`);
const hours = fc.oneof(
  fc.tuple(time, time).filter(([start, end]) => start !== end).map(([start, end]) => ({ start, end })),
  time.map((start) => ({ start, end: '24:00' })),
  fc.tuple(time, fc.integer({ min: 1, max: 59 })).map(([start, minute]) => ({ start, end: `${start.slice(0, 3)}${String(minute).padStart(2, '0')}` })).filter(({ start, end }) => start < end),
);
const week = fc.tuple(...WEEKDAYS.map(() => fc.array(hours, { maxLength: 2 }))).map((days) => Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]!])) as BusinessCalendar['week']);
const holidays = fc.array(
  fc.record({ date: fc.integer({ min: -3, max: 5 }).map((d) => new Date(Date.parse('2026-03-08') + d * 86_400_000).toISOString().slice(0, 10)), yearly: fc.boolean() }),
  { maxLength: 2 },
);
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  week: fc.oneof({ weight: 6, arbitrary: week }, { weight: 1, arbitrary: fc.constant(ALWAYS_OPEN.week) }),
  holidays,
});
const start = fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -48 * 60, max: 48 * 60 })).map(([anchor, minutes]) => anchor + minutes * MINUTE);

describe('business time against a minute-stepping reference', () => {
  it('counts the business time between two instants exactly', () => {
    fc.assert(
      fc.property(calendar, start, fc.integer({ min: 0, max: 4 * 1440 }), (cal, from, minutes) => {
        let expected = 0;
        for (let m = 0; m < minutes; m++) if (isBusinessReference(cal, from + m * MINUTE)) expected += MINUTE;
        expect(businessMillisBetween(cal, from, from + minutes * MINUTE)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('adds business time: the result ends the n-th business minute', () => {
    fc.assert(
      fc.property(calendar, start, fc.integer({ min: 1, max: 1440 }), (cal, from, wanted) => {
        let seen = 0;
        let at = from;
        for (let steps = 0; steps < 30 * 1440 && seen < wanted; steps++, at += MINUTE) if (isBusinessReference(cal, at)) seen++;
        fc.pre(seen === wanted);
        expect(addBusinessMillis(cal, from, wanted * MINUTE)).toBe(at);
      }),
      { numRuns: 100 },
    );
  });

  it('finds the next opening and agrees on every instant', () => {
    fc.assert(
      fc.property(calendar, start, (cal, from) => {
        let at = from;
        for (let steps = 0; steps < 30 * 1440 && !isBusinessReference(cal, at); steps++) at += MINUTE;
        fc.pre(isBusinessReference(cal, at));
        expect(nextOpening(cal, from)).toBe(at);
        expect(isBusinessTime(cal, from)).toBe(isBusinessReference(cal, from));
      }),
      { numRuns: 120 },
    );
  });
});

describe('business time, worked examples', () => {
  const office: BusinessCalendar = {
    timeZone: 'America/New_York',
    week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] },
    holidays: [{ date: '2026-12-25', yearly: true, name: 'Christmas' }],
  };
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();

  it('a 4-hour target opened Friday 15:00 is due Monday 11:00', () => {
    expect(addBusinessMillis(office, at('2026-11-20T15:00'), 4 * 3_600_000)).toBe(at('2026-11-23T11:00'));
  });

  it('skips a yearly holiday, in any year', () => {
    expect(addBusinessMillis(office, at('2027-12-24T16:00'), 2 * 3_600_000)).toBe(at('2027-12-27T10:00'));
  });

  it('counts the night DST ends as one more real hour for a 24/7 desk', () => {
    const always = { timeZone: 'America/New_York', ...ALWAYS_OPEN };
    expect(businessMillisBetween(always, at('2026-11-01T00:00'), at('2026-11-02T00:00'))).toBe(25 * 3_600_000);
  });

  it('a night shift carries across midnight and across a weekend boundary', () => {
    const nights: BusinessCalendar = { ...office, week: { ...office.week, fri: [{ start: '22:00', end: '06:00' }] } };
    expect(businessMillisBetween(nights, at('2026-11-20T21:00'), at('2026-11-21T12:00'))).toBe(8 * 3_600_000);
  });
});
