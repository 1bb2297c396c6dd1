import type { Knex } from 'knex';
import { WorkOrderReport } from './models';

/** The customer's rating of a visit, kept on the work order's service report with the token its link carries. */
export interface RatingRow { rating_token: string; title: string; rating: number | null; rating_comment: string | null }

export async function findRating(trx: Knex.Transaction, orgId: string, number: number): Promise<RatingRow | undefined> {
  return WorkOrderReport.query(trx).joinRelated('workOrder')
    .where({ 'work_order_reports.org_id': orgId, 'work_order_reports.work_order_number': number })
    .select('work_order_reports.rating_token', 'workOrder.title', 'work_order_reports.rating', 'work_order_reports.rating_comment').first()
    .castTo<RatingRow | undefined>();
}

/** Rating again replaces the earlier rating. */
export async function setRating(trx: Knex.Transaction, orgId: string, number: number, rating: { rating: number; comment: string | null }): Promise<void> {
  await WorkOrderReport.query(trx).where({ org_id: orgId, work_order_number: number }).patch({ rating: rating.rating, rating_comment: rating.comment });
}
