import { once } from 'node:events';
import { PassThrough, type Readable, type Writable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { ChartCell } from '../../domain/metrics/chart-series';
import type { ReportSection } from './report-section';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/** Rows as a CSV file, streamed with the rows' backpressure. */
export function metricCsv(columns: string[], rows: Readable): Readable {
  const csv = stringify({ header: true, columns: columns.map((header, index) => ({ key: String(index), header })) });
  // pipeline: a client that goes away destroys the CSV stream, and with it the rows' cursor.
  return pipeline(rows, csv, () => {});
}

/** Rows as a one-sheet XLSX workbook, streamed (exceljs' streaming writer, no shared strings). */
export function metricXlsx(columns: string[], rows: Readable, sheetName: string): Readable {
  return reportXlsx([{ title: sheetName, columns, rows: async () => rows }]);
}

/**
 * Several reports as one workbook, one worksheet each (a dashboard's widgets), each sheet's rows
 * streamed from its cursor in turn: nothing holds the rows.
 */
export function reportXlsx(sections: Pick<ReportSection, 'title' | 'columns' | 'rows'>[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  let open: Readable | null = null;
  (async () => {
    const names = new Set<string>();
    for (const section of sections) {
      const sheet = workbook.addWorksheet(sheetName(section.title, names));
      sheet.addRow(section.columns).commit();
      open = await section.rows();
      for await (const row of open as AsyncIterable<ChartCell[]>) {
        if (out.destroyed) break;
        sheet.addRow(row.map((value) => value ?? undefined)).commit();
        if (out.writableNeedDrain) await drained(out);
      }
      if (out.destroyed) {
        open.destroy();
        return;
      }
      open = null;
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => {
    open?.destroy();
    out.destroy(error);
  });
  return out;
}

/** A worksheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Resolves when the stream can take more, or is gone. */
const drained = (stream: Writable) => Promise.race([once(stream, 'drain'), once(stream, 'close')]);
