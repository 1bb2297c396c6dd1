import { ticketRating } from '../../db/ticket-ratings';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { found } from '../problem';
import { routeGroup } from '../route-group';
import { TicketRatingSchema } from '../schemas/portal';
import { TicketNumberParams } from '../schemas/tickets';

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.readTickets });

/** The customer's rating of a ticket (CSAT), as staff read it on the ticket. */
export function ticketRatingRoutes(deps: ApiDeps) {
  const show = tickets.get('/tickets/{number}/rating', {
    operationId: 'getTicketRating', summary: "The requester's rating of the ticket (good / bad and a comment), once given",
    params: TicketNumberParams,
    responses: { 200: { description: 'The rating', schema: TicketRatingSchema } },
    async handler({ auth, params }) {
      const rating = found(await withTenant(deps.db, auth, (trx) => ticketRating(trx, auth.orgId, params.number)), `Rating of ticket #${params.number}`);
      return { status: 200, body: { rating: rating.rating, comment: rating.comment, createdAt: rating.createdAt.toISOString() } };
    },
  });
  return [show];
}
