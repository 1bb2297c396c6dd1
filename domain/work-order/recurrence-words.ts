import * as rruleModule from 'rrule';

// rrule ships CommonJS to Node and ESM to bundlers: take RRule from whichever shape arrived.
const { RRule } = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };
const UNITS: Record<number, string> = {
  [RRule.YEARLY]: 'year', [RRule.MONTHLY]: 'month', [RRule.WEEKLY]: 'week', [RRule.DAILY]: 'day',
  [RRule.HOURLY]: 'hour', [RRule.MINUTELY]: 'minute', [RRule.SECONDLY]: 'second',
};

type Weekday = number | { weekday: number; n?: number };
const list = <T>(value: T | T[] | null | undefined): T[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);
const two = (n: number) => String(n).padStart(2, '0');
const dayOfMonth = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const date = (at: Date) => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;

/** "a, b and c". */
function and(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function weekdays(days: readonly Weekday[]): string {
  const plain = days.map((day) => (typeof day === 'number' ? { weekday: day, n: 0 } : { weekday: day.weekday, n: day.n ?? 0 }));
  const set = new Set(plain.filter((day) => day.n === 0).map((day) => day.weekday));
  if (plain.every((day) => day.n === 0) && set.size === 5 && [0, 1, 2, 3, 4].every((day) => set.has(day))) return 'weekdays';
  if (plain.every((day) => day.n === 0) && set.size === 2 && set.has(5) && set.has(6)) return 'weekends';
  return and(plain.map((day) => (day.n ? `the ${ORDINALS[day.n] ?? `${day.n}.`} ${WEEKDAYS[day.weekday]}` : WEEKDAYS[day.weekday]!)));
}

/**
 * A maintenance plan's iCalendar RRULE (with an optional DTSTART line) in plain English, the
 * way a dispatcher would say it: "Every 2 weeks on Monday and Thursday at 09:30 (UTC), from
 * 5 January 2026, 10 times". Exact where rrule's own `toText` drops parts (minutes, the time
 * of a monthly rule, the zone). Null when the text is not an RRULE at all.
 */
export function describeRRule(text: string): string | null {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text.trim());
  } catch {
    return null;
  }
  if (options.freq === undefined) return null;
  const interval = options.interval ?? 1;
  const unit = UNITS[options.freq]!;
  const parts = [interval === 1 ? `Every ${unit}` : `Every ${interval} ${unit}s`];

  const months = list(options.bymonth);
  const monthDays = list(options.bymonthday);
  const days = list(options.byweekday as unknown as Weekday[] | Weekday | null);
  if (months.length > 0 && options.freq !== RRule.YEARLY) parts.push(`in ${and(months.map((m) => MONTHS[m - 1]!))}`);
  if (options.freq === RRule.YEARLY && (months.length > 0 || monthDays.length > 0)) {
    const monthNames = months.length > 0 ? and(months.map((m) => MONTHS[m - 1]!)) : 'every month';
    parts.push(monthDays.length > 0 ? `on the ${and(monthDays.map(dayOfMonth))} of ${monthNames}` : `in ${monthNames}`);
  } else if (monthDays.length > 0) {
    parts.push(`on the ${and(monthDays.map((day) => (day < 0 ? (day === -1 ? 'last day' : `${dayOfMonth(-day)} last day`) : dayOfMonth(day))))}`);
  }
  if (days.length > 0) parts.push(`on ${weekdays(days)}`);

  const time = timeOfDay(options);
  if (time) parts.push(`at ${time} (${options.tzid ?? 'UTC'})`);
  const tail: string[] = [];
  if (options.dtstart) tail.push(`from ${date(options.dtstart)}`);
  if (options.until) tail.push(`until ${date(options.until)}`);
  if (options.count) tail.push(options.count === 1 ? 'once' : `${options.count} times`);
  return [parts.join(' '), ...tail].join(', ');
}

/** The times of day a calendar rule runs at; none for a plain "every N units" without a start. */
function timeOfDay(options: ReturnType<typeof RRule.parseString>): string | null {
  if (options.freq === RRule.HOURLY || options.freq === RRule.MINUTELY || options.freq === RRule.SECONDLY) return null;
  const hours = list(options.byhour);
  const minutes = list(options.byminute);
  const start = options.dtstart ?? null;
  if (hours.length === 0 && minutes.length === 0 && !start) return null;
  const hourList = hours.length > 0 ? hours : [start?.getUTCHours() ?? 0];
  const minuteList = minutes.length > 0 ? minutes : [start?.getUTCMinutes() ?? 0];
  return and(hourList.flatMap((hour) => minuteList.map((minute) => `${two(hour)}:${two(minute)}`)));
}
