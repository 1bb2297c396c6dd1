import { once } from 'node:events';
import { PassThrough, Readable, type Writable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { MetricRow } from '../../db/metrics/metric-rows';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One answer, three encodings of the same rows, each streamed from the row stream with its
 * backpressure: the JSON body, a CSV file and an XLSX workbook. None holds the rows.
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

export function metricCsv(columns: string[], rows: Readable): Readable {
  const csv = stringify({ header: true, columns: columns.map((header, index) => ({ key: String(index), header })) });
  // pipeline: a client that goes away destroys the CSV stream, and with it the rows' cursor.
  return pipeline(rows, csv, () => {});
}

export function metricXlsx(columns: string[], rows: Readable, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  (async () => {
    sheet.addRow(columns).commit();
    for await (const row of rows as AsyncIterable<MetricRow>) {
      if (out.destroyed) break;
      sheet.addRow(row.map((value) => value ?? undefined)).commit();
      if (out.writableNeedDrain) await drained(out);
    }
    if (out.destroyed) {
      rows.destroy();
      return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => {
    rows.destroy();
    out.destroy(error);
  });
  return out;
}

/** The route answer for rows in the format `Accept` chose: a JSON body, or a CSV / XLSX attachment `{fileStem}.csv|xlsx`. */
export function metricAnswer(format: string, columns: string[], rows: Readable, fileStem: string, sheetName: string) {
  const file = (extension: string) => ({ 'Content-Disposition': `attachment; filename="${fileStem}.${extension}"` });
  if (format === CSV) return { status: 200 as const, headers: { 'Content-Type': `${CSV}; charset=utf-8`, ...file('csv') }, body: metricCsv(columns, rows) };
  if (format === XLSX) return { status: 200 as const, headers: { 'Content-Type': XLSX, ...file('xlsx') }, body: metricXlsx(columns, rows, sheetName) };
  return { status: 200 as const, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: metricJson(columns, rows) };
}

/** Resolves when the stream can take more, or is gone. */
const drained = (stream: Writable) => Promise.race([once(stream, 'drain'), once(stream, 'close')]);
