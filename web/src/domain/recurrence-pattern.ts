/**
 * The maintenance plan form's simple recurrences, written as the RRULE the API takes. A rule
 * with a time of day runs in the plan's time zone (`DTSTART;TZID=…` and BYHOUR/BYMINUTE: a
 * calendar schedule, exact across daylight saving). "Every N days/weeks" cannot carry BYxxx
 * parts in a Temporal schedule, so it repeats from a DTSTART instant in UTC: a fixed interval,
 * which keeps the absolute time and so moves by an hour of local time with daylight saving.
 */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const BYDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type ByDay = (typeof BYDAYS)[number];

export interface RecurrencePattern {
  freq: Frequency;
  /** Above 1 only for DAILY and WEEKLY. */
  interval: number;
  /** WEEKLY: the days it runs (none: the start date's weekday). */
  weekdays: ByDay[];
  /** MONTHLY and YEARLY: the day of the month, 1–28 so every month has it. */
  monthDay: number;
  /** YEARLY: 1–12. */
  month: number;
  /** HH:MM in `timeZone`. */
  time: string;
  timeZone: string;
  /** YYYY-MM-DD: the first day it may run. */
  startDate: string;
}

const compact = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;

/** The offset of `zone` from UTC at an instant, in minutes (Amsterdam in summer: 120). */
function offsetMinutes(zone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(at)).map((part) => [part.type, Number(part.value)]),
  );
  return (Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - at) / 60_000;
}

/** A wall-clock date and time in `zone` as the UTC instant it names. */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  const first = wall - offsetMinutes(zone, wall) * 60_000;
  // Once more at the guessed instant: right on either side of a daylight-saving change.
  return new Date(wall - offsetMinutes(zone, first) * 60_000);
}

export function rruleOf(pattern: RecurrencePattern): string {
  const [hour, minute] = pattern.time.split(':').map(Number);
  if (pattern.interval > 1 && (pattern.freq === 'DAILY' || pattern.freq === 'WEEKLY')) {
    const start = zonedInstant(pattern.startDate, pattern.time, pattern.timeZone).toISOString();
    return `DTSTART:${start.slice(0, 19).replace(/[-:]/g, '')}Z\nRRULE:FREQ=${pattern.freq};INTERVAL=${pattern.interval}`;
  }
  const parts = [`FREQ=${pattern.freq}`];
  if (pattern.freq === 'WEEKLY' && pattern.weekdays.length > 0) parts.push(`BYDAY=${BYDAYS.filter((day) => pattern.weekdays.includes(day)).join(',')}`);
  if (pattern.freq === 'YEARLY') parts.push(`BYMONTH=${pattern.month}`);
  if (pattern.freq === 'MONTHLY' || pattern.freq === 'YEARLY') parts.push(`BYMONTHDAY=${pattern.monthDay}`);
  parts.push(`BYHOUR=${hour}`, `BYMINUTE=${minute}`);
  return `DTSTART;TZID=${pattern.timeZone}:${compact(pattern.startDate, pattern.time)}\nRRULE:${parts.join(';')}`;
}
