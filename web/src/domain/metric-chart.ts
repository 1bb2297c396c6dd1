/**
 * A report's answers shaped for Chart.js, and a click on it turned back into the group it
 * showed (the drill-down's `at`): the chart draws what the metric layer answered, nothing
 * more, so the records behind a bar are exactly the rows its count counted.
 */
export type Cell = string | number | null;
export interface MetricAnswer { columns: string[]; rows: Cell[][] }

/** One series of a chart: its label, its answer, and how many of its columns are dimensions. */
export interface SeriesAnswer { label: string; answer: MetricAnswer; dimensions: number }

export interface ChartSeries { label: string; data: (number | null)[]; series: number; group: Cell }
export interface ChartShape { labels: Cell[]; datasets: ChartSeries[] }

const NONE = '(none)';
export const shownLabel = (value: Cell): string => (value === null ? NONE : String(value));

/** Distinct values in answer order, but dates sorted (several series' days interleave). */
function distinct(values: Cell[]): Cell[] {
  const unique = [...new Set(values)];
  return unique.every((value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) ? unique.sort() : unique;
}

const numberOf = (value: Cell | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Labels are the first dimension's values across all series. One dimension: a dataset per
 * series. Two: a dataset per value of the second (a stacked bar), of the first series.
 */
export function chartShape(series: SeriesAnswer[]): ChartShape {
  const labels = distinct(series.flatMap((s) => s.answer.rows.map((row) => (s.dimensions > 0 ? row[0]! : null))));
  const first = series[0];
  if (first && first.dimensions >= 2) {
    const groups = distinct(first.answer.rows.map((row) => row[1]!));
    return {
      labels,
      datasets: groups.map((group) => ({
        label: shownLabel(group), series: 0, group,
        data: labels.map((label) => numberOf(first.answer.rows.find((row) => row[0] === label && row[1] === group)?.[first.dimensions])),
      })),
    };
  }
  return {
    labels,
    datasets: series.map((s, index) => ({
      label: s.label, series: index, group: null,
      data: labels.map((label) => numberOf((s.dimensions > 0 ? s.answer.rows.find((row) => row[0] === label) : s.answer.rows[0])?.[s.dimensions])),
    })),
  };
}

/** The clicked element (label index, dataset index) as a series and its group's dimension values. */
export function clickedGroup(shape: ChartShape, series: SeriesAnswer[], labelIndex: number, datasetIndex: number): { series: number; at: Cell[] } | null {
  const dataset = shape.datasets[datasetIndex];
  if (!dataset || labelIndex >= shape.labels.length) return null;
  const answer = series[dataset.series]!;
  const label = shape.labels[labelIndex]!;
  const at = answer.dimensions >= 2 ? [label, dataset.group] : answer.dimensions === 1 ? [label] : [];
  return { series: dataset.series, at };
}

/** A measure's value as a person reads it: rates in %, business seconds in hours. */
export function formatMeasure(measure: string, value: Cell): string {
  if (value === null) return '—';
  const number = Number(value);
  if (measure.startsWith('rate:')) return `${(number * 100).toFixed(1)} %`;
  if (measure.endsWith('_seconds')) return `${(number / 3600).toFixed(1)} h`;
  return Number.isInteger(number) ? String(number) : number.toFixed(2);
}

/** What a chart axis plots for a measure: hours for seconds, percent for rates. */
export function plotted(measure: string, value: number | null): number | null {
  if (value === null) return null;
  if (measure.startsWith('rate:')) return Math.round(value * 1000) / 10;
  if (measure.endsWith('_seconds')) return Math.round((value / 3600) * 100) / 100;
  return value;
}
