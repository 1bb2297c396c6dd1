import { ACCESS } from '../auth/roles';
import { idempotencyKey } from '../command-route';
import type { ApiDeps } from '../deps';
import { routeGroup } from '../route-group';
import { BULK_LIMIT, BulkAnswerSchema, BulkBody } from '../schemas/ticket-bulk';
import { IdempotencyHeaders } from '../schemas/tickets';
import { bulkCommand } from '../tickets/bulk';

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.workTickets });

/** The queue's bulk actions: one action on a selection, each ticket's change its own command. */
export function ticketBulkRoutes(deps: ApiDeps) {
  const bulk = tickets.post('/tickets/bulk', {
    operationId: 'bulkUpdateTickets',
    summary: `Assign, set status or priority, add or remove tags, or merge up to ${BULK_LIMIT} tickets; answered per ticket`,
    body: BulkBody, headers: IdempotencyHeaders,
    responses: { 200: { description: 'One result per ticket, in the order asked: the ticket after the change, or the problem that refused it', schema: BulkAnswerSchema } },
    async handler({ auth, body, ctx }) {
      return { status: 200, body: { data: await bulkCommand(deps, auth, body, idempotencyKey(ctx)) } };
    },
  });
  return [bulk];
}
