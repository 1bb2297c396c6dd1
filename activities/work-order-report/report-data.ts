import type { Knex } from 'knex';
import type { ChecklistItem } from '../../domain/work-order/index';

/** Everything a service report shows, read in one tenant transaction. */
export interface ReportData {
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
  /** The asset's contact, else the linked ticket's requester: who receives the report. */
  customerEmail: string | null;
  parts: { sku: string; name: string; unit: string; quantity: number; location: string }[];
  notes: string[];
  photos: { bytes: Buffer; caption: string | null }[];
  signature: Buffer | null;
}

/** The work order with its technician, asset, customer, parts, notes, photos and signature. */
export async function loadReportData(trx: Knex.Transaction, orgId: string, number: number): Promise<ReportData> {
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
