import type { Context } from 'koa';
import type { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { ticketRequester } from '../../db/portal-requests';
import { rateTicketOnce } from '../../db/ticket-ratings';
import { withTenant } from '../../db/tenant';
import type { ApiDeps } from '../deps';
import { Problem, notFound, unauthorized } from '../problem';
import type { RateTicketBody, TicketRatingSchema } from '../schemas/portal';
import { findPortalCustomer, portalOrg } from './portal-org';
import { validRatingToken } from '../../outbound/rating-link';

/**
 * A customer rates a solved ticket (good / bad, a comment): signed in to the portal as its
 * requester, or through the signed link. Stored once: a second submission answers the rating
 * already stored (`stored: false`) and changes nothing.
 */
export async function rateRequest(
  deps: ApiDeps, ctx: Context, slug: string, number: number, body: z.infer<typeof RateTicketBody>,
): Promise<{ stored: boolean; rating: z.infer<typeof TicketRatingSchema> }> {
  const org = await portalOrg(deps.db, slug);
  const byLink = body.token !== undefined && validRatingToken(deps.accessTokens.secret, org.id, number, body.token);
  const customer = byLink ? null : await findPortalCustomer(deps.db, ctx, org);
  if (!byLink && !customer) {
    throw unauthorized(body.token === undefined ? 'portal-sign-in-required' : 'rating-link-invalid', 'Sign in to the portal, or use the rating link as it was sent.');
  }
  return withTenant(deps.db, { orgId: org.id }, async (trx) => {
    const ticket = await ticketRequester(trx, org.id, number);
    if (!ticket || (customer && ticket.requester_id !== customer.contact.id)) throw notFound(`Request #${number}`);
    if (ticket.status !== 'solved' && ticket.status !== 'closed') {
      throw new Problem(409, 'ticket-not-solved', 'Only a solved request can be rated', { detail: `Request #${number} is ${ticket.status}.` });
    }
    const result = await rateTicketOnce(trx, { orgId: org.id, number, contactId: ticket.requester_id, rating: body.rating, comment: body.comment });
    if (result.stored) {
      await recordAudit(trx, {
        orgId: org.id, actorId: null, action: 'ticket.rated', entityType: 'ticket', entityId: String(number),
        data: { rating: body.rating, via: byLink ? 'link' : 'portal' },
      });
    }
    return { stored: result.stored, rating: { ...result.rating, createdAt: result.rating.createdAt.toISOString() } };
  });
}
