import { describe, expect, it } from 'vitest';
import { fillDays } from './report-days';

describe('fillDays', () => {
  it('fills the days a report has no clocks for, and keeps the ones it has', () => {
    const filled = fillDays([{ date: '2026-03-02', met: 3, breached: 1, open: 0, compliance: 0.75 }], '2026-03-01', '2026-03-04');
    expect(filled.map((day) => [day.date, day.met])).toEqual([['2026-03-01', 0], ['2026-03-02', 3], ['2026-03-03', 0]]);
    expect(filled[0]?.compliance).toBeNull();
  });
  it('crosses a month end and a DST change without skipping or repeating a day', () => {
    const dates = fillDays([], '2026-03-28', '2026-04-02').map((day) => day.date);
    expect(dates).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
  });
});
