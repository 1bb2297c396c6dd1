import type { Knex } from 'knex';

/** What a work order keeps as files: uploaded photos and signatures, and its service report PDF. */
export async function findWorkOrderAttachment(trx: Knex.Transaction, orgId: string, number: number, id: string) {
  return trx('work_order_attachments').where({ org_id: orgId, id, work_order_number: number }).first<{ bytes: Buffer; content_type: string } | undefined>('bytes', 'content_type');
}

export async function findWorkOrderReportPdf(trx: Knex.Transaction, orgId: string, number: number): Promise<Buffer | undefined> {
  return (await trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).first<{ pdf: Buffer } | undefined>('pdf'))?.pdf;
}

/** Stores an upload under its id; the same id again (a retried upload) stores nothing twice. */
export async function insertWorkOrderAttachment(
  trx: Knex.Transaction,
  orgId: string,
  upload: { id: string; number: number; kind: 'photo' | 'signature'; contentType: string; caption: string | null; bytes: Buffer; uploadedBy: string },
): Promise<void> {
  await trx('work_order_attachments')
    .insert({ org_id: orgId, id: upload.id, work_order_number: upload.number, kind: upload.kind, content_type: upload.contentType, caption: upload.caption, bytes: upload.bytes, uploaded_by: upload.uploadedBy })
    .onConflict(['org_id', 'id']).ignore();
}

/** Replaces the windows the customer can be visited in. */
export async function replaceTimeWindows(trx: Knex.Transaction, orgId: string, number: number, windows: readonly { start: string; end: string }[]): Promise<void> {
  await trx('work_order_time_windows').where({ org_id: orgId, work_order_number: number }).delete();
  if (windows.length > 0) {
    await trx('work_order_time_windows').insert(windows.map((w) => ({ org_id: orgId, work_order_number: number, starts_at: w.start, ends_at: w.end })));
  }
}
