import { withTenant } from '../../db/tenant';
import { ticketRelations } from '../../db/ticket-relations';
import { ACCESS } from '../auth/roles';
import { createdReply, idempotencyKey } from '../command-route';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { CcBody, CcParams, LinkBody, LinkParams, MergeBody, RelationsSchema, SplitBody } from '../schemas/ticket-relations';
import { IdempotencyHeaders, TicketNumberParams, TicketSchema } from '../schemas/tickets';
import { addCc, linkTicket, mergeTicket, removeCc, splitTicket, unlinkTicket } from '../tickets/relations';
import { getTicket } from '../tickets/read-model';

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.workTickets });

/** Merge, split and links: commands through the tickets' workflows, and what relates a ticket to others. */
export function ticketRelationRoutes(deps: ApiDeps) {
  const { db } = deps;

  const relations = tickets.get('/tickets/{number}/relations', {
    access: ACCESS.readTickets,
    operationId: 'getTicketRelations', summary: 'What the ticket was merged into, what was merged into it, its links and its CCs',
    params: TicketNumberParams,
    responses: { 200: { description: 'Relations', schema: RelationsSchema } },
    async handler({ auth, params }) {
      const body = await withTenant(db, auth, async (trx) =>
        (await getTicket(trx, auth.orgId, params.number)) && ticketRelations(trx, auth.orgId, params.number));
      if (!body) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body };
    },
  });

  const merge = tickets.post('/tickets/{number}/merge', {
    operationId: 'mergeTicket', summary: 'Merge this ticket into another: it closes, its conversation and requester go on the other',
    params: TicketNumberParams, body: MergeBody, headers: IdempotencyHeaders,
    responses: {
      200: { description: 'The merged ticket, now closed', schema: TicketSchema },
      409: { description: 'One of the tickets is closed or already merged (`ticket-merged` names where it went)' },
    },
    async handler({ auth, params, body, ctx }) {
      return { status: 200, body: await mergeTicket(deps, auth, params.number, body.into, idempotencyKey(ctx)) };
    },
  });

  const split = tickets.post('/tickets/{number}/split', {
    operationId: 'splitTicket', summary: 'Split one message out of the ticket into a new ticket, linked to this one',
    params: TicketNumberParams, body: SplitBody, headers: IdempotencyHeaders,
    responses: { 201: { description: 'The new ticket', schema: TicketSchema } },
    async handler({ auth, params, body, ctx }) {
      const { ticket, replayed } = await splitTicket(deps, auth, params.number, body, idempotencyKey(ctx));
      return createdReply(`/api/v1/tickets/${ticket.number}`, ticket, replayed);
    },
  });

  const link = tickets.post('/tickets/{number}/links', {
    operationId: 'linkTicket', summary: 'Link another ticket to this one (related, parent or child)',
    params: TicketNumberParams, body: LinkBody, headers: IdempotencyHeaders,
    responses: { 200: { description: "The ticket's relations after the change", schema: RelationsSchema } },
    async handler({ auth, params, body, ctx }) {
      return { status: 200, body: await linkTicket(deps, auth, params.number, body.number, body.kind, idempotencyKey(ctx)) };
    },
  });

  const unlink = tickets.delete('/tickets/{number}/links/{linked}', {
    operationId: 'unlinkTicket', summary: 'Remove the link between two tickets, whichever made it',
    params: LinkParams,
    responses: { 200: { description: "The ticket's relations after the change", schema: RelationsSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: await unlinkTicket(deps, auth, params.number, params.linked) };
    },
  });

  const cc = tickets.post('/tickets/{number}/ccs', {
    operationId: 'addTicketCc', summary: "Copy someone on the ticket's public replies",
    params: TicketNumberParams, body: CcBody, headers: IdempotencyHeaders,
    responses: { 200: { description: "The ticket's relations after the change", schema: RelationsSchema } },
    async handler({ auth, params, body, ctx }) {
      return { status: 200, body: await addCc(deps, auth, params.number, body, idempotencyKey(ctx)) };
    },
  });

  const uncc = tickets.delete('/tickets/{number}/ccs/{contactId}', {
    operationId: 'removeTicketCc', summary: "Stop copying a contact on the ticket's replies",
    params: CcParams,
    responses: { 200: { description: "The ticket's relations after the change", schema: RelationsSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: await removeCc(deps, auth, params.number, params.contactId) };
    },
  });

  return [relations, merge, split, link, unlink, cc, uncc];
}
