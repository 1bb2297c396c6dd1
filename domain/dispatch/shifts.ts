/**
 * A technician's shift on one date, from the weekly calendar stored with them
 * (`{ mon: [["08:00","16:00"]], ... }` in their time zone) and their time off.
 */
import type { Interval } from './types';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export type WeeklyShifts = Partial<Record<(typeof WEEKDAYS)[number], readonly (readonly [string, string])[]>>;
export interface TimeOff {
  readonly from: string;
  readonly to: string;
}

/** The span from the first shift's start to the last one's end that day, or null when off. */
export function shiftOn(date: string, shifts: WeeklyShifts, timeZone: string, timeOff: readonly TimeOff[] = []): Interval | null {
  if (timeOff.some((off) => off.from <= date && date <= off.to)) return null;
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
  const spans = shifts[weekday] ?? [];
  if (spans.length === 0) return null;
  const starts = spans.map(([start]) => zonedInstant(date, start, timeZone));
  const ends = spans.map(([, end]) => zonedInstant(date, end, timeZone));
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  if (!(end > start)) return null;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** The UTC instant (ms) of a wall-clock time `HH:MM` on `date` in `timeZone`. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const naive = Date.parse(`${date}T${time}:00.000Z`);
  // The zone's offset at (about) that moment; a second pass settles DST edges.
  let guess = naive - offsetMs(naive, timeZone);
  guess = naive - offsetMs(guess, timeZone);
  return guess;
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
