import { describe, expect, it } from 'vitest';
import { chartShape, clickedGroup, formatMeasure, plotted, type SeriesAnswer } from './metric-chart';

const created: SeriesAnswer = { label: 'Created', dimensions: 1, answer: { columns: ['day', 'count'], rows: [['2026-11-02', 3], ['2026-11-04', 1]] } };
const solved: SeriesAnswer = { label: 'Solved', dimensions: 1, answer: { columns: ['day', 'count'], rows: [['2026-11-03', 2], ['2026-11-04', 5]] } };

describe('a chart of metric answers', () => {
  it('lines several series up on the union of their days, gaps as null', () => {
    const shape = chartShape([created, solved]);
    expect(shape.labels).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(shape.datasets.map((d) => [d.label, d.data])).toEqual([['Created', [3, null, 1]], ['Solved', [null, 2, 5]]]);
    // The third day's "Solved" point is the second series' group 2026-11-04.
    expect(clickedGroup(shape, [created, solved], 2, 1)).toEqual({ series: 1, at: ['2026-11-04'] });
  });

  it('stacks a second dimension, and a click names both values (null for none)', () => {
    const backlog: SeriesAnswer = { label: 'Open', dimensions: 2, answer: { columns: ['age', 'status', 'count'], rows: [['0-1 days', 'new', 2], ['0-1 days', null, 1], ['3-7 days', 'open', 4]] } };
    const shape = chartShape([backlog]);
    expect(shape.labels).toEqual(['0-1 days', '3-7 days']);
    expect(shape.datasets.map((d) => [d.label, d.data])).toEqual([['new', [2, null]], ['(none)', [1, null]], ['open', [null, 4]]]);
    expect(clickedGroup(shape, [backlog], 0, 1)).toEqual({ series: 0, at: ['0-1 days', null] });
    expect(clickedGroup(shape, [backlog], 5, 0)).toBeNull();
  });

  it('shows rates in percent and business seconds in hours', () => {
    expect(formatMeasure('rate:within_target', 0.8125)).toBe('81.3 %');
    expect(formatMeasure('median:first_response_seconds', 5400)).toBe('1.5 h');
    expect(formatMeasure('count', 7)).toBe('7');
    expect(formatMeasure('avg:rating', null)).toBe('—');
    expect(plotted('rate:reopened', 0.25)).toBe(25);
    expect(plotted('sum:on_site_seconds', 9000)).toBe(2.5);
  });
});
