/** How a report is drawn: Chart.js charts, a table of its rows, or one number. */
export const CHART_TYPES = ['line', 'bar', 'stacked', 'pie', 'table', 'number'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
