import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Knex } from 'knex';
import PDFDocument from 'pdfkit';
import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import type { ChecklistItem } from '../domain/work-order/index';

/** An outgoing message with the report attached. */
export interface ReportMessage {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * How service reports reach customers. Kept this small on purpose: the email channel
 * (mailboxes, threading, templates) is its own module; anything that can send one message
 * with an attachment fits here.
 */
export interface ReportMailer {
  send(message: ReportMessage): Promise<void>;
}

/**
 * The mailer configured by the environment: `KEEL_REPORT_SMTP_URL` (a nodemailer SMTP URL,
 * e.g. `smtps://user:pass@smtp.example.com`) and `KEEL_REPORT_MAIL_FROM`. Unset = reports are
 * stored and downloadable but not mailed.
 */
export function reportMailerFromEnv(env: NodeJS.ProcessEnv = process.env): ReportMailer | null {
  const url = env.KEEL_REPORT_SMTP_URL;
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const from = env.KEEL_REPORT_MAIL_FROM ?? 'Keel <no-reply@localhost>';
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, attachments: message.attachments });
    },
  };
}

export interface ReportOptions {
  mailer: ReportMailer | null;
  /** Base URL of the console, for the rating link in the mail. */
  publicUrl: string;
}

export interface ServiceReportResult {
  mailedTo: string | null;
  /** A few lines for the linked ticket's internal note. */
  summary: string;
}

interface ReportData {
  number: number;
  title: string;
  description: string;
  completedAt: Date | null;
  signedOffAt: Date | null;
  timeOnSiteSeconds: number | null;
  checklist: ChecklistItem[];
  signerName: string | null;
  waivedReason: string | null;
  technicianName: string | null;
  asset: { name: string; model: string | null; serial: string | null; address: string | null } | null;
  customerEmail: string | null;
  parts: { sku: string; name: string; unit: string; quantity: number; location: string }[];
  notes: string[];
  photos: { bytes: Buffer; caption: string | null }[];
  signature: Buffer | null;
}

/**
 * After sign-off: renders the service report PDF (checklist, parts, notes, photos, signature),
 * stores it with a rating token, and mails it to the customer when a mailer is configured.
 * Idempotent: a stored report is not rendered or mailed again.
 */
export function createWorkOrderReportActivities(db: Db, options: ReportOptions) {
  return {
    async produceServiceReport({ orgId, number }: { orgId: string; number: number }): Promise<ServiceReportResult> {
      const data = await withTenant(db, { orgId }, (trx) => loadReportData(trx, orgId, number));
      const summary = summarise(data);
      const existing = await withTenant(db, { orgId }, (trx) =>
        trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).first<{ mailed_to: string | null } | undefined>('mailed_to'),
      );
      if (existing) return { mailedTo: existing.mailed_to, summary };
      const pdf = await renderServiceReport(data);
      const ratingToken = randomBytes(24).toString('base64url');
      await withTenant(db, { orgId }, (trx) =>
        trx('work_order_reports').insert({ org_id: orgId, work_order_number: number, pdf, rating_token: ratingToken }).onConflict(['org_id', 'work_order_number']).ignore(),
      );
      const stored = await withTenant(db, { orgId }, (trx) =>
        trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).first<{ rating_token: string; mailed_to: string | null }>('rating_token', 'mailed_to'),
      );
      if (!options.mailer || !data.customerEmail || stored.mailed_to) return { mailedTo: stored.mailed_to, summary };
      const ratingUrl = `${options.publicUrl.replace(/\/$/, '')}/rate/${orgId}/${number}/${stored.rating_token}`;
      await options.mailer.send({
        to: data.customerEmail,
        subject: `Service report for work order #${number}: ${data.title}`,
        text: `Hello,\n\nattached is the service report for "${data.title}".\n\n${summary}\n\nHow did we do? Rate the visit: ${ratingUrl}\n`,
        attachments: [{ filename: `work-order-${number}.pdf`, content: pdf, contentType: 'application/pdf' }],
      });
      await withTenant(db, { orgId }, (trx) =>
        trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).update({ mailed_to: data.customerEmail, mailed_at: new Date() }),
      );
      return { mailedTo: data.customerEmail, summary };
    },
  };
}

export type WorkOrderReportActivities = ReturnType<typeof createWorkOrderReportActivities>;

async function loadReportData(trx: Knex.Transaction, orgId: string, number: number): Promise<ReportData> {
  const row = await trx('work_orders as w')
    .leftJoin('technicians as t', function () {
      this.on('t.org_id', 'w.org_id').andOn('t.id', 'w.technician_id');
    })
    .leftJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('assets as a', function () {
      this.on('a.org_id', 'w.org_id').andOn('a.id', 'w.asset_id');
    })
    .leftJoin('contacts as ac', function () {
      this.on('ac.org_id', 'a.org_id').andOn('ac.id', 'a.contact_id');
    })
    .leftJoin('tickets as tk', function () {
      this.on('tk.org_id', 'w.org_id').andOn('tk.number', 'w.ticket_number');
    })
    .leftJoin('contacts as tc', function () {
      this.on('tc.org_id', 'tk.org_id').andOn('tc.id', 'tk.requester_id');
    })
    .where({ 'w.org_id': orgId, 'w.number': number })
    .first(
      'w.title', 'w.description', 'w.completed_at', 'w.signed_off_at', 'w.time_on_site_seconds', 'w.checklist', 'w.signer_name',
      'w.signature_waived_reason', 'w.signature_attachment_id', 'u.name as technician_name', 'a.name as asset_name', 'a.model', 'a.serial',
      'a.site_address', 'ac.email as asset_email', 'tc.email as ticket_email',
    );
  if (!row) throw new Error(`work order ${number} not found`);
  const parts = await trx('work_order_parts as p')
    .join('inventory_items as i', function () {
      this.on('i.org_id', 'p.org_id').andOn('i.id', 'p.item_id');
    })
    .join('stock_locations as l', function () {
      this.on('l.org_id', 'p.org_id').andOn('l.id', 'p.location_id');
    })
    .where({ 'p.org_id': orgId, 'p.work_order_number': number })
    .orderBy('p.created_at')
    .select('i.sku', 'i.name', 'i.unit', 'p.quantity', 'l.name as location');
  const notes = await trx('work_order_notes').where({ org_id: orgId, work_order_number: number }).orderBy('created_at').pluck('body');
  const photos = await trx('work_order_attachments')
    .where({ org_id: orgId, work_order_number: number, kind: 'photo', attached: true })
    .orderBy('created_at')
    .select('bytes', 'caption');
  const signature = row.signature_attachment_id
    ? await trx('work_order_attachments').where({ org_id: orgId, id: row.signature_attachment_id }).first<{ bytes: Buffer }>('bytes')
    : undefined;
  return {
    number,
    title: row.title,
    description: row.description,
    completedAt: row.completed_at,
    signedOffAt: row.signed_off_at,
    timeOnSiteSeconds: row.time_on_site_seconds,
    checklist: row.checklist,
    signerName: row.signer_name,
    waivedReason: row.signature_waived_reason,
    technicianName: row.technician_name,
    asset: row.asset_name ? { name: row.asset_name, model: row.model, serial: row.serial, address: row.site_address } : null,
    customerEmail: row.asset_email ?? row.ticket_email ?? null,
    parts: parts.map((part: { sku: string; name: string; unit: string; quantity: string; location: string }) => ({ ...part, quantity: Number(part.quantity) })),
    notes,
    photos: photos.map((photo: { bytes: Buffer; caption: string | null }) => ({ bytes: photo.bytes, caption: photo.caption })),
    signature: signature?.bytes ?? null,
  };
}

function summarise(data: ReportData): string {
  const done = data.checklist.filter((item) => item.done).length;
  const lines = [
    `Work order #${data.number} (${data.title}) was signed off.`,
    `Checklist: ${done}/${data.checklist.length} done.`,
    data.parts.length > 0 ? `Parts: ${data.parts.map((part) => `${part.quantity} × ${part.name}`).join(', ')}.` : 'No parts used.',
    data.timeOnSiteSeconds !== null ? `Time on site: ${Math.round(data.timeOnSiteSeconds / 60)} min.` : null,
    data.signerName ? `Signed by ${data.signerName}.` : data.waivedReason ? `Signature waived: ${data.waivedReason}.` : null,
  ];
  return lines.filter((line) => line !== null).join('\n');
}

/** The service report as a PDF: header, asset, checklist, parts, notes, photos, signature. */
export function renderServiceReport(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Service report #${data.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

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

  section(doc, 'Checklist');
  if (data.checklist.length === 0) doc.text('No checklist.');
  for (const item of data.checklist) doc.text(`${item.done ? '[x]' : '[ ]'} ${item.label}${item.note ? ` — ${item.note}` : ''}`);

  section(doc, 'Parts used');
  if (data.parts.length === 0) doc.text('No parts used.');
  for (const part of data.parts) doc.text(`${part.quantity} ${part.unit} × ${part.name} (${part.sku}) from ${part.location}`);

  if (data.notes.length > 0) {
    section(doc, 'Notes');
    for (const note of data.notes) doc.text(note).moveDown(0.3);
  }

  if (data.photos.length > 0) {
    section(doc, 'Photos');
    for (const photo of data.photos) {
      if (doc.y > 600) doc.addPage();
      doc.image(photo.bytes, { fit: [240, 180] });
      if (photo.caption) doc.fontSize(9).text(photo.caption).fontSize(10);
      doc.moveDown(0.5);
    }
  }

  section(doc, 'Customer sign-off');
  if (data.signature) {
    if (doc.y > 650) doc.addPage();
    doc.image(data.signature, { fit: [220, 90] });
    doc.moveDown(0.3);
  }
  if (data.signerName) doc.text(`Signed by ${data.signerName}${data.signedOffAt ? ` · ${data.signedOffAt.toISOString()}` : ''}`);
  else if (data.waivedReason) doc.text(`Signature waived by the dispatcher: ${data.waivedReason}`);
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(1).fontSize(14).text(title).fontSize(10).moveDown(0.3);
}
