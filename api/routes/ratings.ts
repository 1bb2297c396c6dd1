import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { findRating, setRating } from '../../db/work-order-ratings';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { Uuid } from '../schemas/common';
import { WorkOrderNumberParams } from '../schemas/field-service';

const RatingKey = z.object({ orgId: Uuid, token: z.string().min(10).max(100) });
const RatingView = z.object({ number: z.number().int(), title: z.string(), rating: z.number().int().nullable(), comment: z.string().nullable() });

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const workOrders = routeGroup({ tag: 'work orders', access: 'public' });

/**
 * The customer's side of a service report: the link mailed with it (`/rate/{org}/{n}/{token}`)
 * lets them rate the visit without an account. The token is the only credential; it is
 * compared in constant time and only reads or sets the rating of that one work order.
 */
export function ratingRoutes({ db }: ApiDeps) {
  async function find(orgId: string, number: number, token: string) {
    const row = await withTenant(db, { orgId }, (trx) => findRating(trx, orgId, number));
    if (!row || !same(row.rating_token, token)) throw notFound('Service report');
    return row;
  }

  const show = workOrders.get('/work-orders/{number}/rating', {
    operationId: 'getWorkOrderRating', summary: "A customer's view of the visit to rate (by the mailed link's token)",
    params: WorkOrderNumberParams, query: RatingKey,
    responses: { 200: { description: 'The visit and any rating given', schema: RatingView } },
    async handler({ params, query }) {
      const row = await find(query.orgId, params.number, query.token);
      return { status: 200, body: { number: params.number, title: row.title, rating: row.rating, comment: row.rating_comment } };
    },
  });

  const rate = workOrders.post('/work-orders/{number}/rating', {
    operationId: 'rateWorkOrder', summary: 'Rate the visit (1–5, with an optional comment); rating again replaces it',
    params: WorkOrderNumberParams, body: RatingKey.extend({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).nullable().default(null) }),
    responses: { 200: { description: 'Stored', schema: RatingView } },
    async handler({ params, body }) {
      const row = await find(body.orgId, params.number, body.token);
      await withTenant(db, { orgId: body.orgId }, (trx) => setRating(trx, body.orgId, params.number, body));
      return { status: 200, body: { number: params.number, title: row.title, rating: body.rating, comment: body.comment } };
    },
  });

  return [show, rate];
}
