import * as rruleModule from 'rrule';
import { MIN_SECONDS_BETWEEN_RUNS } from './plan-limits';

// rrule ships CommonJS to Node (whose named exports Node cannot detect) and ESM to bundlers:
// take RRule from whichever shape arrived.
const { RRule } = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;

/** The days and months as Temporal's schedule calendars name them. */
export const SPEC_DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export const SPEC_MONTHS = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
] as const;

export interface CalendarRule {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth?: number[];
  month?: (typeof SPEC_MONTHS)[number][];
  dayOfWeek?: (typeof SPEC_DAYS)[number][];
}

/**
 * A recurrence in the shape of a Temporal Schedule spec (structurally compatible with the
 * client's `ScheduleSpec`), plus how many runs it allows when the rule has a COUNT.
 */
export interface ScheduleRecurrence {
  intervals: { everySeconds: number; offsetSeconds: number }[];
  calendars: CalendarRule[];
  startAt: string | null;
  endAt: string | null;
  timezone: string;
  /** COUNT=n: the schedule takes n actions, then stops. */
  limitedActions: number | null;
}

/** Why a rule was refused: a schedule cannot express it, or it would run more often than the floor allows. */
export type RecurrenceRefusal = 'unsupported' | 'too-frequent';

export type RecurrenceResult = { ok: true; recurrence: ScheduleRecurrence } | { ok: false; reason: RecurrenceRefusal; message: string };

const unsupported = (message: string): RecurrenceResult => ({ ok: false, reason: 'unsupported', message });
const tooFrequent = (what: string): RecurrenceResult => ({
  ok: false,
  reason: 'too-frequent',
  message: `${what}; a maintenance plan may run at most once a day (FREQ=DAILY with one time of day, or rarer).`,
});

const SECONDS: Record<number, number> = {
  [RRule.SECONDLY]: 1,
  [RRule.MINUTELY]: 60,
  [RRule.HOURLY]: 3600,
  [RRule.DAILY]: 86_400,
  [RRule.WEEKLY]: 7 * 86_400,
};

const list = <T>(value: T | T[] | null | undefined): T[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Translates an iCalendar RRULE (with an optional DTSTART line) into a Temporal Schedule
 * spec. Simple repetitions (`FREQ=HOURLY;INTERVAL=6`) become intervals anchored on DTSTART;
 * rules with BYxxx parts become calendar specs. What a schedule cannot express exactly
 * (BYSETPOS, "2nd Monday", INTERVAL>1 together with BYxxx, monthly/yearly intervals) is refused
 * with a message rather than approximated. So is anything that would run more than once a day
 * (see `plan-limits.ts`).
 */
export function recurrenceFromRRule(text: string): RecurrenceResult {
  const result = translate(text);
  if (!result.ok) return result;
  return underFloor(result.recurrence) ?? result;
}

/** The floor: intervals of at least a day, calendars with one time of day. */
function underFloor(recurrence: ScheduleRecurrence): RecurrenceResult | null {
  for (const { everySeconds } of recurrence.intervals) {
    if (everySeconds < MIN_SECONDS_BETWEEN_RUNS) return tooFrequent(`This rule runs every ${duration(everySeconds)}`);
  }
  for (const calendar of recurrence.calendars) {
    const perDay = new Set(calendar.hour).size * new Set(calendar.minute).size * new Set(calendar.second).size;
    if (perDay > 1) return tooFrequent(`This rule runs ${perDay} times on each day it runs (its hours × minutes × seconds)`);
  }
  return null;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}

function translate(text: string): RecurrenceResult {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text.trim());
  } catch (error) {
    return unsupported(`Not a valid RRULE: ${(error as Error).message}`);
  }
  if (options.freq === undefined) return unsupported('The RRULE needs a FREQ.');
  const interval = options.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1) return unsupported('INTERVAL must be a positive integer.');
  const unsupportedParts = (['bysetpos', 'byyearday', 'byweekno', 'byeaster'] as const).filter((key) => list(options[key] as number | number[] | null | undefined).length > 0);
  if (unsupportedParts.length > 0) return unsupported(`${unsupportedParts.map((key) => key.toUpperCase()).join(', ')} cannot be expressed as a schedule.`);
  const weekdays = list(options.byweekday as unknown as ({ weekday: number; n?: number } | number)[] | null);
  if (weekdays.some((day) => typeof day === 'object' && day.n !== undefined && day.n !== 0)) {
    return unsupported('Ordinal weekdays (like 2MO) cannot be expressed as a schedule.');
  }
  const dtstart = options.dtstart ?? null;
  const timezone = options.tzid ?? 'UTC';
  const base = {
    startAt: dtstart ? dtstart.toISOString() : null,
    endAt: options.until ? options.until.toISOString() : null,
    timezone,
    limitedActions: options.count ?? null,
  };
  const hasBy = ['byhour', 'byminute', 'bysecond', 'bymonthday', 'bymonth'].some((key) => list(options[key as 'byhour']).length > 0) || weekdays.length > 0;

  if (!hasBy && SECONDS[options.freq] !== undefined) {
    const everySeconds = interval * SECONDS[options.freq]!;
    const offsetSeconds = dtstart ? Math.floor(dtstart.getTime() / 1000) % everySeconds : 0;
    return { ok: true, recurrence: { ...base, intervals: [{ everySeconds, offsetSeconds }], calendars: [] } };
  }
  if (interval !== 1) return unsupported('INTERVAL above 1 can only be used without BYxxx parts, and only up to WEEKLY.');
  // Every second or minute of the hours and days the BYxxx parts leave: far more than once a day.
  if (options.freq === RRule.SECONDLY || options.freq === RRule.MINUTELY) {
    return tooFrequent(`FREQ=${options.freq === RRule.SECONDLY ? 'SECONDLY' : 'MINUTELY'} with BYxxx parts runs many times a day`);
  }
  // Calendar fields not fixed by the rule come from DTSTART (or midnight), as in RFC 5545.
  const at = dtstart ?? new Date(Date.UTC(2000, 0, 1));
  const calendar: CalendarRule = {
    second: list(options.bysecond).length > 0 ? list(options.bysecond) : [at.getUTCSeconds()],
    minute: list(options.byminute).length > 0 ? list(options.byminute) : [at.getUTCMinutes()],
    hour: options.freq === RRule.HOURLY ? list(options.byhour).length > 0 ? list(options.byhour) : range(0, 23) : list(options.byhour).length > 0 ? list(options.byhour) : [at.getUTCHours()],
  };
  const days = weekdays.map((day) => SPEC_DAYS[((typeof day === 'number' ? day : day.weekday) + 1) % 7]!);
  if (days.length > 0) calendar.dayOfWeek = days;
  if (list(options.bymonthday).length > 0) {
    const monthDays = list(options.bymonthday);
    if (monthDays.some((day) => day < 1)) return unsupported('Negative BYMONTHDAY cannot be expressed as a schedule.');
    calendar.dayOfMonth = monthDays;
  }
  if (list(options.bymonth).length > 0) calendar.month = list(options.bymonth).map((month) => SPEC_MONTHS[month - 1]!);
  if (options.freq === RRule.WEEKLY && !calendar.dayOfWeek) calendar.dayOfWeek = [SPEC_DAYS[at.getUTCDay()]!];
  if (options.freq === RRule.MONTHLY && !calendar.dayOfMonth && !calendar.dayOfWeek) calendar.dayOfMonth = [at.getUTCDate()];
  if (options.freq === RRule.YEARLY) {
    calendar.month ??= [SPEC_MONTHS[at.getUTCMonth()]!];
    if (!calendar.dayOfMonth && !calendar.dayOfWeek) calendar.dayOfMonth = [at.getUTCDate()];
  }
  return { ok: true, recurrence: { ...base, intervals: [], calendars: [calendar] } };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
