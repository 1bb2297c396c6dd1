import { ACCESS } from '../auth/roles';
import { commandRoute } from '../command-route';
import type { ApiDeps } from '../deps';
import { CallBody } from '../schemas/ticket-calls';
import { TicketNumberParams, TicketSchema } from '../schemas/tickets';
import { commandTicket } from '../tickets/commands';

/**
 * The phone channel: an agent logs a call on a ticket (a ticket opened from a call is
 * `POST /tickets` with channel `phone`, then its call logged here).
 */
export function ticketCallRoutes(deps: ApiDeps) {
  const logCall = commandRoute({
    path: '/tickets/{number}/calls', operationId: 'logTicketCall', summary: 'Log a phone call on the ticket (direction, number, duration, notes)',
    tag: 'tickets', access: ACCESS.workTickets, params: TicketNumberParams, body: CallBody,
    responses: { 200: { description: 'The ticket after the change', schema: TicketSchema } },
    run: ({ auth, params, body, key }) => commandTicket(deps, auth, params.number, 'logCall', { actorId: auth.userId, call: body }, key),
  });
  return [logCall];
}
