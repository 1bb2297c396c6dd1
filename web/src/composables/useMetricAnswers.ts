import { ref } from 'vue';
import { http, ok, sendRequest } from '../api/client';
import type { components } from '../api/schema';
import type { Cell, MetricAnswer, SeriesAnswer } from '../domain/metric-chart';

export type MetricQueryBody = components['schemas']['MetricQuery'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The answers of a chart's series, asked together through `POST /reports/query`. */
export function useMetricAnswers() {
  const answers = ref<SeriesAnswer[] | null>(null);
  const error = ref<Error | null>(null);

  async function load(series: { label: string; query: MetricQueryBody }[]): Promise<void> {
    error.value = null;
    try {
      answers.value = await Promise.all(series.map(async ({ label, query }) => ({
        label,
        dimensions: query.dimensions?.length ?? 0,
        answer: (await ok(http.POST('/api/v1/reports/query', { body: query }))) as MetricAnswer,
      })));
    } catch (e) {
      error.value = e as Error;
    }
  }

  return { answers, error, load };
}

const FILE_TYPES = { pdf: 'application/pdf', xlsx: XLSX, csv: 'text/csv' } as const;

/**
 * A report query as a file (`POST /reports/query` with its Accept): a PDF titled and drawn as
 * the chart shows it, or the rows as XLSX / CSV. Answers the file, or throws with the status.
 */
export async function reportFile(query: MetricQueryBody, format: keyof typeof FILE_TYPES, pdf: { title: string; chart: string }): Promise<Blob> {
  const search = new URLSearchParams({ title: pdf.title, chart: pdf.chart });
  const response = await sendRequest('POST', `/reports/query?${search}`, query, { accept: FILE_TYPES[format] });
  if (!response.ok) throw new Error(`The export failed (${response.status}).`);
  return response.blob();
}

/** The records behind one group of a chart (`POST /reports/drill-down`), and the group as a file. */
export function useDrillDown() {
  const records = ref<MetricAnswer | null>(null);
  const error = ref<Error | null>(null);

  async function load(query: MetricQueryBody, at: Cell[]): Promise<void> {
    error.value = null;
    records.value = null;
    try {
      records.value = (await ok(http.POST('/api/v1/reports/drill-down', { body: { query, at: at.map((v) => (v === null ? null : String(v))), limit: 500 } }))) as MetricAnswer;
    } catch (e) {
      error.value = e as Error;
    }
  }

  /** Downloads every record of the group (CSV or XLSX): the file the chart's count equals. */
  async function download(query: MetricQueryBody, at: Cell[], format: 'csv' | 'xlsx'): Promise<void> {
    const response = await sendRequest('POST', '/reports/drill-down', { query, at: at.map((v) => (v === null ? null : String(v))) }, { accept: format === 'csv' ? 'text/csv' : XLSX });
    if (!response.ok) {
      error.value = new Error(`The export failed (${response.status}).`);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `${query.dataset}-drill-down.${format}`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return { records, error, load, download };
}
