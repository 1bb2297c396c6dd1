import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { offsetAt, offsetSegments } from './zone-offsets';

// Zones with DST in either hemisphere, a half-hour DST shift, a zone that dropped DST, and UTC.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'Africa/Casablanca', 'UTC'];
const YEAR = 365 * 86_400_000;

describe('offsetSegments', () => {
  it('agrees with luxon at every segment edge, with contiguous segments across months and years', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 130 * YEAR }),
        fc.integer({ min: 1, max: 90 * 86_400_000 }),
        (zone, from, span) => {
          const reference = IANAZone.create(zone);
          const segments = offsetSegments(zone, from, from + span);
          expect(segments[0]?.from).toBe(from);
          expect(segments.at(-1)?.to).toBe(from + span);
          segments.forEach((segment, i) => {
            if (i > 0) expect(segment.from).toBe(segments[i - 1]!.to);
            expect(segment.offset).toBe(reference.offset(segment.from) * 60_000);
            expect(segment.offset).toBe(reference.offset(segment.to - 1) * 60_000);
            expect(offsetAt(zone, segment.from)).toBe(segment.offset);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts exactly at a DST change', () => {
    // Berlin moved from +01:00 to +02:00 at 2026-03-29T01:00:00Z.
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect(offsetSegments('Europe/Berlin', change - 3_600_000, change + 3_600_000)).toEqual([
      { from: change - 3_600_000, to: change, offset: 3_600_000 },
      { from: change, to: change + 3_600_000, offset: 7_200_000 },
    ]);
  });
});

describe('offsetSegments at a month boundary', () => {
  it('cuts where a zone changes offset exactly at a month’s first instant', () => {
    // Casablanca moved from +00:00 to +01:00 at 1976-05-01T00:00:00Z, the found counterexample.
    const change = Date.UTC(1976, 4, 1);
    expect(offsetSegments('Africa/Casablanca', change - 3_600_000, change + 3_600_000)).toEqual([
      { from: change - 3_600_000, to: change, offset: 0 },
      { from: change, to: change + 3_600_000, offset: 3_600_000 },
    ]);
    expect(offsetAt('Africa/Casablanca', change)).toBe(3_600_000);
  });
});
