import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';

/** A stored report: the customer's rating token, and to whom it was mailed (once). */
export interface StoredReport {
  ratingToken: string;
  mailedTo: string | null;
}

/** The `work_order_reports` rows: one per work order, written once, marked when mailed. */
export function reportStore(db: Db, orgId: string, number: number) {
  const row = { org_id: orgId, work_order_number: number };
  const find = () =>
    withTenant(db, { orgId }, (trx) => trx('work_order_reports').where(row).first<{ rating_token: string; mailed_to: string | null } | undefined>('rating_token', 'mailed_to'));
  return {
    async find(): Promise<StoredReport | null> {
      const stored = await find();
      return stored ? { ratingToken: stored.rating_token, mailedTo: stored.mailed_to } : null;
    },
    /** Stores the PDF with a fresh rating token unless a report is there already; answers the stored one. */
    async store(pdf: Buffer): Promise<StoredReport> {
      const ratingToken = randomBytes(24).toString('base64url');
      await withTenant(db, { orgId }, (trx) => trx('work_order_reports').insert({ ...row, pdf, rating_token: ratingToken }).onConflict(['org_id', 'work_order_number']).ignore());
      const stored = (await find())!;
      return { ratingToken: stored.rating_token, mailedTo: stored.mailed_to };
    },
    async markMailed(to: string): Promise<void> {
      await withTenant(db, { orgId }, (trx) => trx('work_order_reports').where(row).update({ mailed_to: to, mailed_at: new Date() }));
    },
  };
}
