import { zonedInstant } from '../../../domain/dispatch/shifts';

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

export function rruleOf(pattern: RecurrencePattern): string {
  const [hour, minute] = pattern.time.split(':').map(Number);
  if (pattern.interval > 1 && (pattern.freq === 'DAILY' || pattern.freq === 'WEEKLY')) {
    const start = new Date(zonedInstant(pattern.startDate, pattern.time, pattern.timeZone)).toISOString();
    return `DTSTART:${start.slice(0, 19).replace(/[-:]/g, '')}Z\nRRULE:FREQ=${pattern.freq};INTERVAL=${pattern.interval}`;
  }
  const parts = [`FREQ=${pattern.freq}`];
  if (pattern.freq === 'WEEKLY' && pattern.weekdays.length > 0) parts.push(`BYDAY=${BYDAYS.filter((day) => pattern.weekdays.includes(day)).join(',')}`);
  if (pattern.freq === 'YEARLY') parts.push(`BYMONTH=${pattern.month}`);
  if (pattern.freq === 'MONTHLY' || pattern.freq === 'YEARLY') parts.push(`BYMONTHDAY=${pattern.monthDay}`);
  parts.push(`BYHOUR=${hour}`, `BYMINUTE=${minute}`);
  return `DTSTART;TZID=${pattern.timeZone}:${compact(pattern.startDate, pattern.time)}\nRRULE:${parts.join(';')}`;
}
