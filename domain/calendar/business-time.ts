import { WEEKDAYS, minutesOf, type BusinessCalendar, type Holiday } from './calendar';
import { offsetSegments } from './zone-offsets';

/**
 * Business-time arithmetic on a calendar. An instant is business time when its wall-clock
 * time in the calendar's zone falls inside that day's opening hours (or inside the previous
 * day's hours that run past midnight), and the day the hours start on is not a holiday. The
 * property tests hold these functions to exactly that definition, stepped minute by minute.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead to look for opening hours before deciding a calendar never opens. */
const HORIZON = 400 * DAY;

export interface Interval {
  from: number;
  to: number;
}

/** The business intervals overlapping [from, to), in UTC milliseconds, sorted and merged. */
export function businessIntervals(calendar: BusinessCalendar, from: number, to: number): Interval[] {
  // Calendar-hours targets run on a 24/7 calendar: every instant counts, whatever the zone.
  if (isAlwaysOpen(calendar)) return from < to ? [{ from, to }] : [];
  const pieces: Interval[] = [];
  for (const segment of offsetSegments(calendar.timeZone, from, to)) {
    // Within a segment, local wall-clock time is UTC plus a constant: work on that timeline.
    const localFrom = segment.from + segment.offset;
    const localTo = segment.to + segment.offset;
    for (let day = Math.floor(localFrom / DAY) * DAY - DAY; day < localTo; day += DAY) {
      if (isHoliday(calendar.holidays, day)) continue;
      for (const hours of calendar.week[weekdayOf(day)] ?? []) {
        const start = minutesOf(hours.start);
        const end = minutesOf(hours.end);
        const open = day + start * MINUTE;
        const close = day + (end > start ? end : end + 1440) * MINUTE;
        const overlapFrom = Math.max(open, localFrom);
        const overlapTo = Math.min(close, localTo);
        if (overlapFrom < overlapTo) pieces.push({ from: overlapFrom - segment.offset, to: overlapTo - segment.offset });
      }
    }
  }
  return merge(pieces);
}

/** Business milliseconds between two instants (0 when `to` is not after `from`). */
export function businessMillisBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  return businessIntervals(calendar, from, to).reduce((sum, interval) => sum + interval.to - interval.from, 0);
}

/**
 * The instant at which `millis` of business time have passed since `from`. Zero returns
 * `from` itself. Throws when the calendar has no opening hours within the search horizon.
 */
export function addBusinessMillis(calendar: BusinessCalendar, from: number, millis: number): number {
  if (millis <= 0) return from;
  let remaining = millis;
  for (let windowStart = from; windowStart < from + HORIZON; windowStart += 30 * DAY) {
    for (const interval of businessIntervals(calendar, windowStart, windowStart + 30 * DAY)) {
      const length = interval.to - interval.from;
      if (length >= remaining) return interval.from + remaining;
      remaining -= length;
    }
  }
  throw new Error('The calendar has no opening hours in the next 400 days.');
}

/** The first business instant at or after `at`; throws when none comes within the horizon. */
export function nextOpening(calendar: BusinessCalendar, at: number): number {
  for (let windowStart = at; windowStart < at + HORIZON; windowStart += 30 * DAY) {
    const first = businessIntervals(calendar, windowStart, windowStart + 30 * DAY)[0];
    if (first) return first.from;
  }
  throw new Error('The calendar has no opening hours in the next 400 days.');
}

export function isBusinessTime(calendar: BusinessCalendar, at: number): boolean {
  return businessIntervals(calendar, at, at + 1).length > 0;
}

/** Seconds-based wrappers, the unit SLA targets are expressed in. */
export const addBusinessSeconds = (calendar: BusinessCalendar, from: Date, seconds: number): Date =>
  new Date(addBusinessMillis(calendar, from.getTime(), seconds * 1000));
export const businessSecondsBetween = (calendar: BusinessCalendar, from: Date, to: Date): number =>
  Math.floor(businessMillisBetween(calendar, from.getTime(), to.getTime()) / 1000);

/** Weekday of a local day that starts at `localDayStart` (local milliseconds since epoch). */
export function weekdayOf(localDayStart: number): (typeof WEEKDAYS)[number] {
  // 1970-01-01 was a Thursday: index 3 when Monday is 0.
  return WEEKDAYS[(((Math.floor(localDayStart / DAY) + 3) % 7) + 7) % 7]!;
}

function isAlwaysOpen(calendar: BusinessCalendar): boolean {
  return calendar.holidays.length === 0
    && WEEKDAYS.every((day) => (calendar.week[day] ?? []).some((hours) => minutesOf(hours.start) === 0 && hours.end === '24:00'));
}

function isHoliday(holidays: readonly Holiday[], localDayStart: number): boolean {
  if (holidays.length === 0) return false;
  const date = new Date(localDayStart).toISOString().slice(0, 10);
  return holidays.some((holiday) => (holiday.yearly ? holiday.date.slice(5) === date.slice(5) : holiday.date === date));
}

function merge(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}
