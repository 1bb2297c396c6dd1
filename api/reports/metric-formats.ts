import { Readable } from 'node:stream';
import type { MetricRow } from '../../db/metrics/metric-rows';
import { CSV, PDF, XLSX, metricCsv, metricXlsx } from '../../outbound/report-files/spreadsheet';
import { reportPdf } from '../../outbound/report-files/report-pdf';
import type { ReportSection } from '../../outbound/report-files/report-section';

export { CSV, PDF, XLSX };

/**
 * One answer, four encodings of the same rows, each streamed from the row stream with its
 * backpressure: the JSON body, a CSV file, an XLSX workbook and a PDF (chart and table). None
 * holds the rows. The file encoders live in `outbound/report-files/`, which scheduled reports
 * mail from too.
 */
export function metricJson(columns: string[], rows: Readable): Readable {
  async function* encode() {
    yield `{"columns":${JSON.stringify(columns)},"rows":[`;
    let first = true;
    for await (const row of rows as AsyncIterable<MetricRow>) {
      yield `${first ? '' : ','}${JSON.stringify(row)}`;
      first = false;
    }
    yield ']}';
  }
  return Readable.from(encode(), { objectMode: false });
}

/** What a PDF needs beyond the rows: the report's title, how it is drawn, its details lines. */
export type PdfReport = Pick<ReportSection, 'title' | 'chart' | 'details' | 'dimensions'>;

/**
 * The route answer for rows in the format `Accept` chose: a JSON body, or a CSV / XLSX / PDF
 * attachment `{fileStem}.csv|xlsx|pdf`. A PDF without `pdf` is a table of the rows.
 */
export function metricAnswer(format: string, columns: string[], rows: Readable, fileStem: string, sheetName: string, pdf?: PdfReport) {
  const file = (extension: string) => ({ 'Content-Disposition': `attachment; filename="${fileStem}.${extension}"` });
  if (format === CSV) return { status: 200 as const, headers: { 'Content-Type': `${CSV}; charset=utf-8`, ...file('csv') }, body: metricCsv(columns, rows) };
  if (format === XLSX) return { status: 200 as const, headers: { 'Content-Type': XLSX, ...file('xlsx') }, body: metricXlsx(columns, rows, sheetName) };
  if (format === PDF) {
    const report = pdf ?? { title: sheetName, chart: 'table' as const, details: [], dimensions: 0 };
    return { status: 200 as const, headers: { 'Content-Type': PDF, ...file('pdf') }, body: reportPdf([{ ...report, columns, rows: async () => rows }], { title: report.title }) };
  }
  return { status: 200 as const, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: metricJson(columns, rows) };
}
