import type { ChartType } from './charts';

export type ChartCell = string | number | null;

/** What a chart draws from an answer's first rows: labels along the axis, one value list per series. */
export interface ChartData {
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** A dimension's value as a chart label. */
export const labelOf = (value: ChartCell) => (value === null ? '(none)' : String(value));

/**
 * An answer's rows as a chart's series, the way the console's charts read them: one dimension,
 * one series per measure along it; two dimensions or more, the second splits the first
 * measure into one series per value (a stacked chart's layers); none, one group "All".
 * A pie takes the first measure per group.
 */
export function chartData(chart: ChartType, dimensions: number, columns: string[], rows: ChartCell[][]): ChartData {
  const measures = columns.slice(dimensions);
  const numeric = (value: ChartCell) => (typeof value === 'number' ? value : value === null ? null : Number.isFinite(Number(value)) ? Number(value) : null);
  if (dimensions === 0) {
    return { labels: ['All'], series: measures.map((name, i) => ({ name, values: [numeric(rows[0]?.[i] ?? null)] })) };
  }
  if (dimensions === 1 || chart === 'pie') {
    const labels = rows.map((row) => row.slice(0, dimensions).map(labelOf).join(' · '));
    const shown = chart === 'pie' ? measures.slice(0, 1) : measures;
    return { labels, series: shown.map((name, i) => ({ name, values: rows.map((row) => numeric(row[dimensions + i] ?? null)) })) };
  }
  const labels: string[] = [];
  const splits: string[] = [];
  const cells = new Map<string, number | null>();
  for (const row of rows) {
    const label = labelOf(row[0] ?? null);
    const split = row.slice(1, dimensions).map(labelOf).join(' · ');
    if (!labels.includes(label)) labels.push(label);
    if (!splits.includes(split)) splits.push(split);
    cells.set(`${label}\u0000${split}`, numeric(row[dimensions] ?? null));
  }
  return { labels, series: splits.map((name) => ({ name, values: labels.map((label) => cells.get(`${label}\u0000${name}`) ?? null) })) };
}

/**
 * A cell as a report file prints it: integers as they are, other numbers to at most four
 * decimals (rates are fractions, durations seconds), null as empty.
 */
export function formatCell(value: ChartCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return value;
}
