import { z } from 'zod';
import { isTimeZone } from '../calendar/calendar';
import { DASHBOARDS } from './dashboards';

/** What a schedule mails: one saved report, or one prebuilt dashboard (every widget). */
export const REPORT_FILE_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day as HH:MM (24 hours).');

/**
 * How often a report is mailed, at a local time of day in the schedule's time zone. A monthly
 * report runs on day 1 to 28, so it runs every month (Temporal skips a month without the day).
 */
export const Cadence = z.discriminatedUnion('every', [
  z.object({ every: z.literal('daily'), at: TimeOfDay }),
  z.object({ every: z.literal('weekly'), at: TimeOfDay, weekday: z.enum(WEEKDAYS) }),
  z.object({ every: z.literal('monthly'), at: TimeOfDay, dayOfMonth: z.number().int().min(1).max(28) }),
]);
export type Cadence = z.output<typeof Cadence>;

export const ReportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), reportId: z.uuid() }),
  z.object({ kind: z.literal('dashboard'), dashboardId: z.enum(DASHBOARDS.map((d) => d.id) as [string, ...string[]]) }),
]);
export type ReportSource = z.output<typeof ReportSource>;

const Recipients = z.array(z.email().max(254)).min(1).max(20)
  .refine((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, { message: 'An address is listed twice.' });

/** A scheduled report as the console creates it. The org has no time zone setting: the schedule names its own. */
export const ReportScheduleInput = z.object({
  name: z.string().trim().min(1).max(200),
  source: ReportSource,
  format: z.enum(REPORT_FILE_FORMATS),
  recipients: Recipients,
  cadence: Cadence,
  timeZone: z.string().max(64).refine(isTimeZone, 'Not an IANA time zone.'),
  paused: z.boolean().default(false),
});
export type ReportScheduleInput = z.output<typeof ReportScheduleInput>;

export const ReportSchedulePatch = z.object({
  name: z.string().trim().min(1).max(200),
  source: ReportSource,
  format: z.enum(REPORT_FILE_FORMATS),
  recipients: Recipients,
  cadence: Cadence,
  timeZone: z.string().max(64).refine(isTimeZone, 'Not an IANA time zone.'),
}).partial().refine((patch) => Object.keys(patch).length > 0, { message: 'Change at least one field.' });
export type ReportSchedulePatch = z.output<typeof ReportSchedulePatch>;

/** One calendar entry of a Temporal Schedule spec (structurally the client's `CalendarSpec`). */
export interface ScheduleCalendar {
  second: number;
  minute: number;
  hour: number;
  dayOfWeek?: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
  dayOfMonth?: number;
}

/** The Temporal Schedule spec of a cadence: one calendar entry at the local time, in `timeZone`. */
export function scheduleSpecOf(cadence: Cadence, timeZone: string): { calendars: [ScheduleCalendar]; timezone: string } {
  const [hour, minute] = cadence.at.split(':').map(Number) as [number, number];
  const calendar: ScheduleCalendar = { second: 0, minute, hour };
  if (cadence.every === 'weekly') calendar.dayOfWeek = cadence.weekday.toUpperCase() as ScheduleCalendar['dayOfWeek'];
  if (cadence.every === 'monthly') calendar.dayOfMonth = cadence.dayOfMonth;
  return { calendars: [calendar], timezone: timeZone };
}

/** "Weekly on Monday at 08:00 (Europe/Paris)": how the console and the mail describe a cadence. */
export function describeCadence(cadence: Cadence, timeZone: string): string {
  const when = cadence.every === 'daily' ? 'Daily'
    : cadence.every === 'weekly' ? `Weekly on ${cadence.weekday[0]!.toUpperCase()}${cadence.weekday.slice(1)}`
      : `Monthly on day ${cadence.dayOfMonth}`;
  return `${when} at ${cadence.at} (${timeZone})`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The days a run covers when its report names a number of days (a saved report's `rangeDays`)
 * or, for a dashboard, the cadence's own period: the day, the 7 days or the month before the
 * run's local date. The range ends at the start of that date (exclusive), so a report mailed at
 * 08:00 holds only whole days.
 */
export function runRange(cadence: Cadence, rangeDays: number | null, runAt: Date, timeZone: string): { from: string; to: string; timeZone: string } {
  const to = localDate(runAt, timeZone);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const toMs = Date.UTC(y, m - 1, d);
  const DAY = 86_400_000;
  if (rangeDays !== null) return { from: isoDate(toMs - rangeDays * DAY), to, timeZone };
  if (cadence.every === 'daily') return { from: isoDate(toMs - DAY), to, timeZone };
  if (cadence.every === 'weekly') return { from: isoDate(toMs - 7 * DAY), to, timeZone };
  // A month back, the day clamped to the shorter month (31 March → 28 or 29 February).
  const lastOfPrevious = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return { from: isoDate(Date.UTC(y, m - 2, Math.min(d, lastOfPrevious))), to, timeZone };
}

/** What one run did: mailed the file to the recipients, or why not. */
export interface ScheduledReportOutcome {
  mailed: boolean;
  recipients: string[];
  filename: string | null;
  bytes: number;
  range: { from: string; to: string; timeZone: string } | null;
  /** Why nothing was mailed (no SMTP relay configured, the schedule or its report gone). */
  reason?: string;
}
