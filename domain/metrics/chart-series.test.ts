import { describe, expect, it } from 'vitest';
import { chartData, formatCell } from './chart-series';

describe('an answer as a chart’s series', () => {
  it('one dimension: one series per measure along it, null groups named', () => {
    expect(chartData('bar', 1, ['team', 'count', 'rate:solved'], [['Alpha', 2, 0.5], [null, 3, null]])).toEqual({
      labels: ['Alpha', '(none)'],
      series: [{ name: 'count', values: [2, 3] }, { name: 'rate:solved', values: [0.5, null] }],
    });
  });

  it('two dimensions: the second splits the first measure into layers, a missing pair empty', () => {
    expect(chartData('stacked', 2, ['week', 'status', 'count'], [['w1', 'open', 1], ['w1', 'solved', 2], ['w2', 'open', 4]])).toEqual({
      labels: ['w1', 'w2'],
      series: [{ name: 'open', values: [1, 4] }, { name: 'solved', values: [2, null] }],
    });
  });

  it('a pie takes the first measure per group; no dimension is one group', () => {
    expect(chartData('pie', 2, ['a', 'b', 'count', 'sum'], [['x', 'y', 5, 9]])).toEqual({ labels: ['x · y'], series: [{ name: 'count', values: [5] }] });
    expect(chartData('number', 0, ['count', 'rate:solved'], [[7, 0.25]])).toEqual({ labels: ['All'], series: [{ name: 'count', values: [7] }, { name: 'rate:solved', values: [0.25] }] });
  });

  it('prints integers as they are and other numbers to four decimals at most', () => {
    expect([formatCell(12), formatCell(1 / 3), formatCell(0.5), formatCell(null), formatCell('open')]).toEqual(['12', '0.3333', '0.5', '', 'open']);
  });
});
