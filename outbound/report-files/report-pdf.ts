import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { chartData, formatCell, type ChartCell } from '../../domain/metrics/chart-series';
import { drawChart, fit } from './pdf-chart';
import type { ReportSection } from './report-section';

/** Groups a chart draws: the first this many rows of an answer (the table lists more). */
export const PDF_CHART_ROWS = 100;
/** Rows a PDF's table lists per report, about 30 landscape pages; the CSV and XLSX files have every row. */
export const PDF_TABLE_ROWS = 1_000;

const MARGIN = 40;
const ROW_HEIGHT = 13;
const CHART_HEIGHT = 200;

export interface PdfOptions {
  title: string;
  /** Under the title: who, when, how often. */
  subtitle?: string;
}

/**
 * A report file as a PDF (A4 landscape): per section its title, range and filters, the chart
 * drawn from the answer's first rows, then the table of its rows with the header repeated on
 * every page. Streamed: pdfkit writes each page out when the next begins, rows are read from
 * their cursor only as fast as the reader takes the file, and a table stops at
 * `PDF_TABLE_ROWS` rows (saying so), so a large answer never sits in memory.
 */
export function reportPdf(sections: ReportSection[], options: PdfOptions): Readable {
  const out = new PassThrough();
  const doc = new PDFDocument({
    size: 'A4', layout: 'landscape', margin: MARGIN,
    info: { Title: options.title, Creator: 'Keel', Producer: 'Keel (pdfkit)' },
  });
  doc.on('data', (chunk: Buffer) => out.write(chunk));
  doc.on('end', () => out.end());
  let open: Readable | null = null;
  out.on('close', () => open?.destroy());

  (async () => {
    doc.font('Helvetica-Bold').fontSize(18).text(options.title);
    if (options.subtitle) doc.font('Helvetica').fontSize(9).fillColor('#555').text(options.subtitle).fillColor('#000');
    for (const [index, section] of sections.entries()) {
      if (out.destroyed) return;
      if (index > 0) doc.addPage();
      open = await section.rows();
      await writeSection(doc, section, open, out, sections.length > 1);
      open = null;
    }
    doc.end();
  })().catch((error: Error) => {
    open?.destroy();
    out.destroy(error);
  });
  return out;
}

async function writeSection(doc: PDFKit.PDFDocument, section: ReportSection, rows: Readable, out: PassThrough, many: boolean): Promise<void> {
  const iterator = (rows as AsyncIterable<ChartCell[]>)[Symbol.asyncIterator]();
  // The chart's rows: the first PDF_CHART_ROWS, read ahead of the table (which lists them again).
  const head: ChartCell[][] = [];
  let exhausted = false;
  while (head.length < PDF_CHART_ROWS) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }

  doc.moveDown(many ? 0.2 : 0.6).font('Helvetica-Bold').fontSize(many ? 14 : 12).text(section.title);
  doc.font('Helvetica').fontSize(8).fillColor('#444');
  for (const line of section.details) doc.text(line);
  doc.fillColor('#000');

  if (section.chart !== 'table') {
    const top = doc.y + 8;
    const height = section.chart === 'number' ? 70 : CHART_HEIGHT;
    drawChart(doc, section.chart, chartData(section.chart, section.dimensions, section.columns, head), { x: MARGIN, y: top, width: doc.page.width - 2 * MARGIN, height });
    doc.x = MARGIN;
    doc.y = top + height + 6;
    if (!exhausted && section.chart !== 'number') {
      doc.font('Helvetica').fontSize(7).fillColor('#777').text(`The chart shows the first ${PDF_CHART_ROWS} groups; the table lists more.`).fillColor('#000');
    }
  }

  const table = new TableWriter(doc, section.columns, section.dimensions);
  table.header();
  let written = 0;
  for (const row of head) {
    table.row(row);
    written++;
  }
  let cut = false;
  if (!exhausted) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (written >= PDF_TABLE_ROWS) {
        cut = true;
        break;
      }
      table.row(next.value);
      written++;
      if (out.writableNeedDrain) await drained(out);
      if (out.destroyed) break;
    }
  }
  if (cut) rows.destroy();
  doc.moveDown(0.5).font('Helvetica').fontSize(8).fillColor('#555');
  doc.text(cut
    ? `The table stops at ${PDF_TABLE_ROWS.toLocaleString('en')} rows; the CSV or XLSX export holds every row.`
    : `${written.toLocaleString('en')} ${written === 1 ? 'row' : 'rows'}.`, MARGIN);
  doc.fillColor('#000');
}

/** Rows as fixed columns (dimensions left-aligned, measures right-aligned), a new page when full. */
class TableWriter {
  private readonly widths: number[];
  constructor(private readonly doc: PDFKit.PDFDocument, private readonly columns: string[], private readonly dimensions: number) {
    const width = doc.page.width - 2 * MARGIN;
    // Dimensions get twice a measure's share.
    const shares = columns.map((_, i) => (i < dimensions ? 2 : 1));
    const total = shares.reduce((a, b) => a + b, 0) || 1;
    this.widths = shares.map((share) => (width * share) / total);
  }

  header(): void {
    this.line(this.columns, true);
  }

  row(cells: ChartCell[]): void {
    if (this.doc.y + ROW_HEIGHT > this.doc.page.height - MARGIN) {
      this.doc.addPage();
      this.header();
    }
    this.line(cells.map(formatCell), false);
  }

  private line(cells: string[], bold: boolean): void {
    const { doc } = this;
    if (doc.y + ROW_HEIGHT * (bold ? 2 : 1) > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = this.widths[i] ?? 40;
      doc.text(fit(doc, cell, width - 6), x + 2, y + 2, { width: width - 4, align: i < this.dimensions || bold ? 'left' : 'right', lineBreak: false });
      x += width;
    });
    doc.lineWidth(bold ? 0.8 : 0.3).strokeColor(bold ? '#888' : '#ddd').moveTo(MARGIN, y + ROW_HEIGHT).lineTo(x, y + ROW_HEIGHT).stroke().strokeColor('#000');
    doc.x = MARGIN;
    doc.y = y + ROW_HEIGHT;
  }
}

/** Resolves when the stream can take more, or is gone. */
const drained = (stream: Writable) => Promise.race([once(stream, 'drain'), once(stream, 'close')]);
