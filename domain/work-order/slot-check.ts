import { zonedInstant, type TimeOff, type WeeklyShifts } from '../dispatch/shifts';

/** Why a technician cannot take a visit in the slot a dispatcher chose by hand. */
export type SlotRefusalReason = 'inactive' | 'skill' | 'time-off' | 'off-shift' | 'overlap';

export interface SlotRefusal {
  reason: SlotRefusalReason;
  /** The request field it is about (`/technicianId`, `/windowStart`), as in a 422's `errors`. */
  pointer: string;
  message: string;
}

export interface SlotTechnician {
  name: string;
  active: boolean;
  skills: readonly { skill: string; level: number }[];
  shifts: WeeklyShifts;
  timeZone: string;
  timeOff: readonly (TimeOff & { reason?: string | null })[];
}

export interface SlotVisit {
  number: number;
  /** ISO instants: the arrival window's start; the visit lasts `durationMinutes` from it. */
  start: string;
  durationMinutes: number;
}

export interface SlotRequest {
  job: { requiredSkills: readonly string[]; durationMinutes: number };
  technician: SlotTechnician;
  windowStart: string;
  /** The technician's other visits that are not done or cancelled, near the slot. */
  otherVisits: readonly SlotVisit[];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

const clock = (instant: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

/**
 * Every reason the technician cannot make the visit: the check a dispatcher's manual
 * schedule runs before it commits, the same constraints the optimizer plans within. The visit
 * is the window's start plus the job's duration; it must fit inside one shift span of that
 * local day (a lunch gap between two spans is not working time), on no day off, and overlap
 * none of the technician's other visits. An empty list: the slot is fine.
 */
export function slotRefusals(request: SlotRequest): SlotRefusal[] {
  const { job, technician } = request;
  const refusals: SlotRefusal[] = [];
  if (!technician.active) refusals.push({ reason: 'inactive', pointer: '/technicianId', message: `${technician.name} is inactive and takes no new jobs.` });
  const has = new Set(technician.skills.map((entry) => entry.skill.toLowerCase()));
  const missing = job.requiredSkills.filter((skill) => !has.has(skill.toLowerCase()));
  if (missing.length > 0) refusals.push({ reason: 'skill', pointer: '/technicianId', message: `${technician.name} lacks the required skill${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.` });
  const start = Date.parse(request.windowStart);
  const visit = { start, end: start + job.durationMinutes * MINUTE, durationMinutes: job.durationMinutes };
  const unavailable = availability(technician, visit);
  if (unavailable) refusals.push(unavailable);
  return [...refusals, ...overlaps(technician, visit, request.otherVisits)];
}

interface Span { start: number; end: number; durationMinutes: number }

/** Time off on the visit's local day, or a visit that no single shift span of that day holds. */
function availability(technician: SlotTechnician, visit: Span): SlotRefusal | null {
  const zone = technician.timeZone;
  const date = localDate(visit.start, zone);
  const off = technician.timeOff.find((entry) => entry.from <= date && date <= entry.to);
  if (off) return { reason: 'time-off', pointer: '/windowStart', message: `${technician.name} is off from ${off.from} to ${off.to}${off.reason ? ` (${off.reason})` : ''}.` };
  const spans = (technician.shifts[WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!] ?? [])
    .map(([from, to]) => ({ from, to, start: zonedInstant(date, from, zone), end: zonedInstant(date, to, zone) }));
  if (spans.some((span) => span.start <= visit.start && visit.end <= span.end)) return null;
  const when = `${clock(visit.start, zone)}–${clock(visit.end, zone)} ${zone}, ${visit.durationMinutes} min`;
  return {
    reason: 'off-shift', pointer: '/windowStart',
    message: spans.length > 0
      ? `The visit (${when}) falls outside ${technician.name}'s shifts on ${date} (${spans.map((span) => `${span.from}–${span.to}`).join(' and ')}).`
      : `${technician.name} does not work on ${date} (the visit: ${when}).`,
  };
}

/** The technician's other visits this one would overlap; one ending as it starts does not. */
function overlaps(technician: SlotTechnician, visit: Span, others: readonly SlotVisit[]): SlotRefusal[] {
  return others.flatMap((other) => {
    const start = Date.parse(other.start);
    const end = start + other.durationMinutes * MINUTE;
    if (!(start < visit.end && visit.start < end)) return [];
    const message = `${technician.name} is on work order #${other.number} from ${clock(start, technician.timeZone)} to ${clock(end, technician.timeZone)}.`;
    return [{ reason: 'overlap' as const, pointer: '/windowStart', message }];
  });
}
