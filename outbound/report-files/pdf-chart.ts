import type { ChartType } from '../../domain/metrics/charts';
import { formatCell, type ChartData } from '../../domain/metrics/chart-series';

const PALETTE = ['#2f6fde', '#e8833a', '#3aa55d', '#c7453b', '#8a5cc2', '#8c6d46', '#d65fa6', '#6f7782', '#b3b834', '#2bb0c4'];
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Cuts a label to fit `width` at the current font, with an ellipsis. */
export function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Draws a chart with pdfkit's vector primitives into `box`: bars (grouped or stacked), lines,
 * a pie, or big numbers, from the same rows the table lists. Returns nothing: the caller moves on
 * below the box.
 */
export function drawChart(doc: PDFKit.PDFDocument, chart: ChartType, data: ChartData, box: Box): void {
  doc.save();
  if (chart === 'number') drawNumbers(doc, data, box);
  else if (chart === 'pie') drawPie(doc, data, box);
  else drawAxes(doc, chart, data, box);
  doc.restore();
  doc.fillColor('#000').strokeColor('#000').lineWidth(1);
}

function drawNumbers(doc: PDFKit.PDFDocument, data: ChartData, box: Box): void {
  const width = box.width / Math.max(1, data.series.length);
  data.series.forEach((series, i) => {
    const x = box.x + i * width;
    doc.fillColor('#111').font('Helvetica-Bold').fontSize(28).text(formatCell(series.values[0] ?? null) || '–', x, box.y + 10, { width, align: 'center', lineBreak: false });
    doc.fillColor('#555').font('Helvetica').fontSize(10).text(fit(doc, series.name, width - 8), x, box.y + 50, { width, align: 'center', lineBreak: false });
  });
}

function legend(doc: PDFKit.PDFDocument, names: string[], x: number, y: number, width: number): number {
  doc.font('Helvetica').fontSize(8);
  let cx = x;
  let cy = y;
  names.forEach((name, i) => {
    const label = fit(doc, name, 140);
    const w = 14 + doc.widthOfString(label) + 12;
    if (cx + w > x + width) {
      cx = x;
      cy += 12;
    }
    doc.rect(cx, cy + 1, 8, 8).fill(colorOf(i));
    doc.fillColor('#333').text(label, cx + 12, cy, { lineBreak: false });
    cx += w;
  });
  return cy + 14 - y;
}

function drawPie(doc: PDFKit.PDFDocument, data: ChartData, box: Box): void {
  const values = (data.series[0]?.values ?? []).map((v) => (v !== null && v > 0 ? v : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const radius = Math.min(box.height, box.width / 2) / 2 - 4;
  const cx = box.x + radius + 4;
  const cy = box.y + box.height / 2;
  if (total <= 0) {
    doc.fillColor('#777').fontSize(10).text('Nothing to draw: every value is zero or empty.', box.x, cy, { lineBreak: false });
    return;
  }
  let angle = -Math.PI / 2;
  values.forEach((value, i) => {
    if (value <= 0) return;
    const sweep = (value / total) * Math.PI * 2;
    doc.moveTo(cx, cy);
    // The arc as a polygon: a point every two degrees or less.
    const steps = Math.max(2, Math.ceil(sweep / (Math.PI / 90)));
    for (let s = 0; s <= steps; s++) {
      const a = angle + (sweep * s) / steps;
      doc.lineTo(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
    }
    doc.closePath().fill(colorOf(i));
    angle += sweep;
  });
  const names = data.labels.map((label, i) => `${label}: ${formatCell(data.series[0]?.values[i] ?? null)}`);
  legendColumn(doc, names, cx + radius + 24, box.y, box.width - 2 * radius - 32, box.height);
}

function legendColumn(doc: PDFKit.PDFDocument, names: string[], x: number, y: number, width: number, height: number): void {
  doc.font('Helvetica').fontSize(8);
  const fitting = Math.max(1, Math.floor(height / 12));
  names.slice(0, fitting).forEach((name, i) => {
    doc.rect(x, y + i * 12 + 1, 8, 8).fill(colorOf(i));
    doc.fillColor('#333').text(fit(doc, name, width - 14), x + 12, y + i * 12, { lineBreak: false });
  });
  if (names.length > fitting) doc.fillColor('#777').text(`… and ${names.length - fitting} more`, x + 12, y + fitting * 12 - 12, { lineBreak: false });
}

/** Bars (grouped, or stacked for `stacked`) or lines over the labels, with a value axis. */
function drawAxes(doc: PDFKit.PDFDocument, chart: ChartType, data: ChartData, box: Box): void {
  const stacked = chart === 'stacked';
  const legendHeight = data.series.length > 1 || chart === 'line' ? legend(doc, data.series.map((s) => s.name), box.x, box.y, box.width) : 0;
  const axisWidth = 46;
  const labelHeight = 14;
  const plot = { x: box.x + axisWidth, y: box.y + legendHeight + 6, width: box.width - axisWidth, height: box.height - legendHeight - 6 - labelHeight };
  const n = data.labels.length;
  if (n === 0) {
    doc.fillColor('#777').fontSize(10).text('No rows in this range.', plot.x, plot.y + plot.height / 2, { lineBreak: false });
    return;
  }
  const totals = data.labels.map((_, i) => data.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0));
  const all = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(0, ...(stacked ? totals : all));
  const min = stacked ? 0 : Math.min(0, ...all);
  const span = max - min || 1;
  const yOf = (value: number) => plot.y + plot.height - ((value - min) / span) * plot.height;

  // Value axis: five ticks with their values, light grid lines.
  doc.font('Helvetica').fontSize(7).lineWidth(0.5);
  for (let t = 0; t <= 4; t++) {
    const value = min + (span * t) / 4;
    const y = yOf(value);
    doc.strokeColor('#ddd').moveTo(plot.x, y).lineTo(plot.x + plot.width, y).stroke();
    doc.fillColor('#666').text(formatCell(Number(value.toPrecision(4))), box.x, y - 3, { width: axisWidth - 4, align: 'right', lineBreak: false });
  }
  doc.strokeColor('#999').moveTo(plot.x, yOf(0)).lineTo(plot.x + plot.width, yOf(0)).stroke();

  const group = plot.width / n;
  const every = Math.max(1, Math.ceil((n * 60) / plot.width));
  data.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    doc.fillColor('#444').text(fit(doc, label, group * every - 4), plot.x + i * group, plot.y + plot.height + 3, { width: group * every, align: every === 1 ? 'center' : 'left', lineBreak: false });
  });

  if (chart === 'line') {
    data.series.forEach((series, s) => {
      doc.lineWidth(1.5).strokeColor(colorOf(s));
      let drawing = false;
      series.values.forEach((value, i) => {
        if (value === null) {
          drawing = false;
          return;
        }
        const x = plot.x + group * (i + 0.5);
        if (drawing) doc.lineTo(x, yOf(value));
        else doc.moveTo(x, yOf(value));
        drawing = true;
      });
      doc.stroke();
      if (n <= 60) series.values.forEach((value, i) => value !== null && doc.circle(plot.x + group * (i + 0.5), yOf(value), 1.8).fill(colorOf(s)));
    });
    return;
  }

  const inner = group * 0.8;
  data.labels.forEach((_, i) => {
    const left = plot.x + group * i + (group - inner) / 2;
    if (stacked) {
      let base = 0;
      data.series.forEach((series, s) => {
        const value = Math.max(0, series.values[i] ?? 0);
        if (value > 0) doc.rect(left, yOf(base + value), inner, yOf(base) - yOf(base + value)).fill(colorOf(s));
        base += value;
      });
      return;
    }
    const width = inner / data.series.length;
    data.series.forEach((series, s) => {
      const value = series.values[i];
      if (value === null || value === undefined || value === 0) return;
      const top = yOf(Math.max(0, value));
      doc.rect(left + s * width, top, Math.max(0.5, width - 1), Math.abs(yOf(value) - yOf(0))).fill(colorOf(s));
    });
  });
}
