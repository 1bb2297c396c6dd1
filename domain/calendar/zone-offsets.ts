import { IANAZone } from 'luxon';

export interface OffsetSegment {
  /** UTC milliseconds, inclusive. */
  from: number;
  /** UTC milliseconds, exclusive. */
  to: number;
  /** Local time minus UTC, in milliseconds, constant over the segment. */
  offset: number;
}

const HOUR = 3_600_000;

/**
 * Splits [from, to) where the zone's UTC offset changes (DST and other transitions), so that
 * within each piece local time is UTC plus a constant. Transitions are found by sampling every
 * hour and bisecting to the millisecond; no real zone changes offset twice within an hour.
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const zone = IANAZone.create(timeZone);
  const offsetAt = (ms: number) => zone.offset(ms) * 60_000;
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(from);
  for (let probe = from + HOUR; start < to; probe += HOUR) {
    const at = Math.min(probe, to);
    const next = offsetAt(at);
    if (next !== offset) {
      let low = at - HOUR < start ? start : at - HOUR;
      let high = at;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offsetAt(mid) === offset) low = mid;
        else high = mid;
      }
      segments.push({ from: start, to: high, offset });
      start = high;
      offset = offsetAt(high);
    }
    if (at >= to) {
      if (start < to) segments.push({ from: start, to, offset });
      break;
    }
  }
  return segments;
}
