/**
 * UTC offsets of IANA time zones, from the runtime's `Intl` data. This module imports nothing
 * and keeps no per-caller state, so the worker preloads it once into the shared workflow
 * context (PRELOADED_WORKFLOW_MODULES in workers/core.ts), and every workflow reuses its table
 * of scanned months instead of asking `Intl` thousands of times per SLA clock.
 */

export interface OffsetSegment {
  /** UTC milliseconds, inclusive. */
  from: number;
  /** UTC milliseconds, exclusive. */
  to: number;
  /** Local time minus UTC, in milliseconds, constant over the segment. */
  offset: number;
}

/** One UTC calendar month of a zone: its offset at the start and every change within it. */
interface ZoneMonth {
  initialOffset: number;
  /** Sorted by `at`; each `offset` applies from its `at` (inclusive). */
  transitions: { at: number; offset: number }[];
}

const HOUR = 3_600_000;
/**
 * Months already scanned, by zone. The table is a pure function of the zone data, so sharing
 * it between callers changes no result. Bounded, so that a stream of odd zones and dates
 * cannot grow it without limit.
 */
const scanned = new Map<string, ZoneMonth>();
const MAX_SCANNED = 4_096;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Splits [from, to) where the zone's UTC offset changes (DST and other transitions), so that
 * within each piece local time is UTC plus a constant.
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(timeZone, from);
  for (let month = monthIndex(from); month <= monthIndex(to - 1); month++) {
    const scannedMonth = zoneMonth(timeZone, month);
    // A change exactly at a month's first instant is that month's initial offset, not one of
    // its transitions (Casablanca moved at 1976-05-01T00:00Z).
    const monthStart = monthStartMs(month);
    if (monthStart > from && scannedMonth.initialOffset !== offset) {
      segments.push({ from: start, to: monthStart, offset });
      start = monthStart;
      offset = scannedMonth.initialOffset;
    }
    for (const transition of scannedMonth.transitions) {
      if (transition.at <= from || transition.at >= to || transition.offset === offset) continue;
      segments.push({ from: start, to: transition.at, offset });
      start = transition.at;
      offset = transition.offset;
    }
  }
  if (start < to) segments.push({ from: start, to, offset });
  return segments;
}

/** The zone's offset at an instant (local time minus UTC, in milliseconds). */
export function offsetAt(timeZone: string, at: number): number {
  const month = zoneMonth(timeZone, monthIndex(at));
  let offset = month.initialOffset;
  for (const transition of month.transitions) {
    if (transition.at > at) break;
    offset = transition.offset;
  }
  return offset;
}

function zoneMonth(timeZone: string, month: number): ZoneMonth {
  const key = `${timeZone}|${month}`;
  let found = scanned.get(key);
  if (!found) {
    if (scanned.size >= MAX_SCANNED) scanned.clear();
    found = scanMonth(timeZone, month);
    scanned.set(key, found);
  }
  return found;
}

/**
 * Finds a month's transitions by sampling every hour and bisecting each change to the
 * millisecond; no real zone changes its offset twice within an hour.
 */
function scanMonth(timeZone: string, month: number): ZoneMonth {
  const start = monthStartMs(month);
  const end = monthStartMs(month + 1);
  const initialOffset = intlOffset(timeZone, start);
  const transitions: ZoneMonth['transitions'] = [];
  let offset = initialOffset;
  for (let low = start; low < end; low += HOUR) {
    const high = Math.min(low + HOUR, end);
    if (intlOffset(timeZone, high) === offset) continue;
    let before = low;
    let after = high;
    while (after - before > 1) {
      const mid = Math.floor((before + after) / 2);
      if (intlOffset(timeZone, mid) === offset) before = mid;
      else after = mid;
    }
    offset = intlOffset(timeZone, after);
    // A change exactly at the next month's first instant is that month's initial offset.
    if (after < end) transitions.push({ at: after, offset });
  }
  return { initialOffset, transitions };
}

/** The first instant of a month counted since year 0, in UTC milliseconds. */
function monthStartMs(month: number): number {
  const year = Math.floor(month / 12);
  const start = new Date(Date.UTC(2000, month - year * 12, 1));
  start.setUTCFullYear(year);
  return start.getTime();
}

/** Months since year 0, in UTC. */
function monthIndex(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The offset `Intl` reports: the zone's wall-clock reading at `ms`, read as UTC, minus `ms`. */
function intlOffset(timeZone: string, ms: number): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wallClock = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // Date.UTC maps years 0–99 to 1900–1999; the wall clock of such instants needs the real year.
  const asUtc = year >= 0 && year < 100 ? new Date(wallClock).setUTCFullYear(year) : wallClock;
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}
