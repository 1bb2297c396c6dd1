import PDFDocument from 'pdfkit';
import type { ReportData } from './report-data';

/** The service report as a PDF: header, asset, checklist, parts, notes, photos, signature. */
export function renderServiceReport(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Service report #${data.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, data);
  checklist(doc, data);
  parts(doc, data);
  notes(doc, data);
  photos(doc, data);
  signOff(doc, data);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, data: ReportData): void {
  doc.fontSize(20).text(`Service report — work order #${data.number}`);
  doc.moveDown(0.3).fontSize(13).text(data.title);
  doc.fontSize(10).fillColor('#555');
  if (data.description) doc.text(data.description);
  if (data.technicianName) doc.text(`Technician: ${data.technicianName}`);
  if (data.completedAt) doc.text(`Completed: ${data.completedAt.toISOString()}`);
  if (data.timeOnSiteSeconds !== null) doc.text(`Time on site: ${Math.round(data.timeOnSiteSeconds / 60)} min`);
  if (data.asset) {
    doc.text(`Asset: ${data.asset.name}${data.asset.model ? ` · model ${data.asset.model}` : ''}${data.asset.serial ? ` · serial ${data.asset.serial}` : ''}`);
    if (data.asset.address) doc.text(`Site: ${data.asset.address}`);
  }
  doc.fillColor('#000');
}

function checklist(doc: PDFKit.PDFDocument, data: ReportData): void {
  section(doc, 'Checklist');
  if (data.checklist.length === 0) doc.text('No checklist.');
  for (const item of data.checklist) doc.text(`${item.done ? '[x]' : '[ ]'} ${item.label}${item.note ? ` — ${item.note}` : ''}`);
}

function parts(doc: PDFKit.PDFDocument, data: ReportData): void {
  section(doc, 'Parts used');
  if (data.parts.length === 0) doc.text('No parts used.');
  for (const part of data.parts) doc.text(`${part.quantity} ${part.unit} × ${part.name} (${part.sku}) from ${part.location}`);
}

function notes(doc: PDFKit.PDFDocument, data: ReportData): void {
  if (data.notes.length === 0) return;
  section(doc, 'Notes');
  for (const note of data.notes) doc.text(note).moveDown(0.3);
}

function photos(doc: PDFKit.PDFDocument, data: ReportData): void {
  if (data.photos.length === 0) return;
  section(doc, 'Photos');
  for (const photo of data.photos) {
    // A photo near the foot of a page starts the next one rather than being cut.
    if (doc.y > 600) doc.addPage();
    doc.image(photo.bytes, { fit: [240, 180] });
    if (photo.caption) doc.fontSize(9).text(photo.caption).fontSize(10);
    doc.moveDown(0.5);
  }
}

function signOff(doc: PDFKit.PDFDocument, data: ReportData): void {
  section(doc, 'Customer sign-off');
  if (data.signature) {
    if (doc.y > 650) doc.addPage();
    doc.image(data.signature, { fit: [220, 90] });
    doc.moveDown(0.3);
  }
  if (data.signerName) doc.text(`Signed by ${data.signerName}${data.signedOffAt ? ` · ${data.signedOffAt.toISOString()}` : ''}`);
  else if (data.waivedReason) doc.text(`Signature waived by the dispatcher: ${data.waivedReason}`);
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(1).fontSize(14).text(title).fontSize(10).moveDown(0.3);
}
