import { offsetAt } from '../calendar/zone-offsets';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An instant of a report's range: a date (`2026-11-30`) is local midnight in the report's
 * time zone, so "November" means the org's November; a date-time carries its own offset.
 */
export function rangeInstant(value: string, timeZone: string): number {
  if (!DATE_ONLY.test(value)) return Date.parse(value);
  const wall = Date.parse(`${value}T00:00:00Z`);
  // The offset at the instant itself, found in two steps (it may differ across a DST change).
  const guess = wall - offsetAt(timeZone, wall);
  return wall - offsetAt(timeZone, guess);
}
