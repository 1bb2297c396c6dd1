/** A business calendar: when an organisation is open, in its own time zone. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours within one day, `HH:mm` local time. An `end` at or before `start` runs past
 * midnight into the next day (a night shift); `end: '24:00'` closes at midnight.
 */
export interface OpeningHours {
  start: string;
  end: string;
}

/** A closed day. A yearly holiday recurs on the same month and day. */
export interface Holiday {
  date: string;
  yearly: boolean;
  name?: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  week: Record<Weekday, OpeningHours[]>;
  holidays: Holiday[];
}

export const ALWAYS_OPEN: Omit<BusinessCalendar, 'timeZone'> = {
  week: Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]])) as Record<Weekday, OpeningHours[]>,
  holidays: [],
};

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Minutes after local midnight of an `HH:mm` time. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Every problem with a calendar, each with a JSON pointer to where it is; empty when valid. */
export function calendarProblems(calendar: BusinessCalendar): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  if (!isTimeZone(calendar.timeZone)) problems.push({ pointer: '/timeZone', message: `Unknown time zone "${calendar.timeZone}".` });
  for (const day of WEEKDAYS) {
    (calendar.week[day] ?? []).forEach((hours, index) => {
      const at = `/week/${day}/${index}`;
      if (!HH_MM.test(hours.start) || hours.start === '24:00') problems.push({ pointer: `${at}/start`, message: 'Use HH:mm.' });
      if (!HH_MM.test(hours.end)) problems.push({ pointer: `${at}/end`, message: 'Use HH:mm (24:00 for midnight).' });
      if (hours.start === hours.end) problems.push({ pointer: at, message: 'Opening and closing times are the same.' });
    });
  }
  calendar.holidays.forEach((holiday, index) => {
    if (!DATE.test(holiday.date)) problems.push({ pointer: `/holidays/${index}/date`, message: 'Use YYYY-MM-DD.' });
  });
  if (problems.length === 0 && WEEKDAYS.every((day) => (calendar.week[day] ?? []).length === 0)) {
    problems.push({ pointer: '/week', message: 'A calendar needs opening hours on at least one day.' });
  }
  return problems;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
