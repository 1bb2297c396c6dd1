import type { TicketCommandArgs, TicketCommandName } from '../../clients/ticket-client';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import { commandRoute, createdReply, idempotencyKey } from '../command-route';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import type { RouteSpec } from '../route';
import { routeGroup } from '../route-group';
import { page } from '../schemas/common';
import {
  AssignBody,
  CountTicketsQuery,
  CreateTicketBody,
  IdempotencyHeaders,
  ListTicketsQuery,
  PatchBody,
  ReplyBody,
  StatusBody,
  StatusCountsSchema,
  SubjectBody,
  TicketNumberParams,
  ReplyConflictSchema,
  TicketSchema,
  TimelineEventSchema,
  TimelineQuery,
} from '../schemas/tickets';
import { checkUploadsOf, commandTicket, createTicket } from '../tickets/commands';
import { countTicketsByStatus, getTicket, listSlaClocks, listTickets, listTimeline } from '../tickets/read-model';
import { ClockViewSchema } from '../schemas/sla';
import { z } from 'zod';

const ticketResponse = { 200: { description: 'The ticket after the change', schema: TicketSchema } };

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.readTickets });

export function ticketRoutes(deps: ApiDeps) {
  const { db } = deps;

  const create = tickets.post('/tickets', {
    access: ACCESS.workTickets, operationId: 'createTicket', summary: 'Open a ticket (starts its workflow)',
    body: CreateTicketBody, headers: IdempotencyHeaders,
    responses: { 201: { description: 'Created', schema: TicketSchema } },
    async handler({ auth, body, ctx }) {
      const { ticket, replayed } = await createTicket(deps, auth, body, idempotencyKey(ctx));
      return createdReply(`/api/v1/tickets/${ticket.number}`, ticket, replayed);
    },
  });

  const list = tickets.get('/tickets', {
    operationId: 'listTickets', summary: 'The ticket queue, filtered and paginated',
    query: ListTicketsQuery,
    responses: { 200: { description: 'A page of tickets', schema: page(TicketSchema) } },
    async handler({ auth, query }) {
      return { status: 200, body: await withTenant(db, auth, (trx) => listTickets(trx, auth.orgId, query)) };
    },
  });

  const counts = tickets.get('/tickets/counts', {
    operationId: 'countTickets', summary: 'How many tickets are in each status, under the same filters as the queue',
    query: CountTicketsQuery,
    responses: { 200: { description: 'Counts per status', schema: StatusCountsSchema } },
    async handler({ auth, query }) {
      return { status: 200, body: await withTenant(db, auth, (trx) => countTicketsByStatus(trx, auth.orgId, query)) };
    },
  });

  const show = tickets.get('/tickets/{number}', {
    operationId: 'getTicket', summary: 'One ticket',
    params: TicketNumberParams,
    responses: { 200: { description: 'The ticket', schema: TicketSchema } },
    async handler({ auth, params }) {
      const ticket = await withTenant(db, auth, (trx) => getTicket(trx, auth.orgId, params.number));
      if (!ticket) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body: ticket };
    },
  });

  const timeline = tickets.get('/tickets/{number}/timeline', {
    operationId: 'getTicketTimeline', summary: 'Everything that happened to a ticket, oldest first',
    params: TicketNumberParams, query: TimelineQuery,
    responses: { 200: { description: 'A page of events', schema: page(TimelineEventSchema) } },
    async handler({ auth, params, query }) {
      const result = await withTenant(db, auth, async (trx) => {
        if (!(await getTicket(trx, auth.orgId, params.number))) return null;
        return listTimeline(trx, auth.orgId, params.number, query);
      });
      if (!result) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body: result };
    },
  });

  /** A command on the ticket (its workflow's Update), answered with the ticket after it. */
  function ticketCommand<B extends z.ZodType, K extends TicketCommandName>(
    declared: { method?: 'patch'; path: string; operationId: string; summary: string; body: B },
    command: K, args: (actorId: string, body: z.infer<B>) => TicketCommandArgs[K],
    /** Answers this command adds to (or states more precisely than) every command's. */
    responses: RouteSpec['responses'] = {},
  ) {
    return commandRoute({
      ...declared, tag: 'tickets', access: ACCESS.workTickets, params: TicketNumberParams, responses: { ...ticketResponse, ...responses },
      run: ({ auth, params, body, key }) => commandTicket(deps, auth, params.number, command, args(auth.userId, body), key),
    });
  }

  const reply = commandRoute({
    path: '/tickets/{number}/replies', operationId: 'replyToTicket', body: ReplyBody,
    summary: 'Reply to the requester (public) or add an internal note, with files uploaded to the ticket',
    tag: 'tickets', access: ACCESS.workTickets, params: TicketNumberParams,
    responses: {
      ...ticketResponse,
      409: { description: 'The ticket is closed, or (with `basedOnVersion`) someone else wrote on it since: `reply-conflict`, with the messages written since', schema: ReplyConflictSchema },
      422: { description: '`unknown-attachment`: an attachment id is not an upload of this ticket, or went with another reply already' },
    },
    async run({ auth, params, body, key }) {
      const attachmentIds = body.attachmentIds ?? [];
      // Another ticket's (or org's) upload is refused before the workflow hears of it; one sent
      // already is refused by the reply's own write, which links each upload once.
      if (attachmentIds.length > 0) await checkUploadsOf(deps, auth, params.number, attachmentIds);
      const args = {
        actorId: auth.userId, body: body.body, visibility: body.visibility,
        ...(body.basedOnVersion !== undefined && { basedOnVersion: body.basedOnVersion }),
        ...(attachmentIds.length > 0 && { attachmentIds }),
      };
      return commandTicket(deps, auth, params.number, 'reply', args, key);
    },
  });

  const assign = ticketCommand({
    path: '/tickets/{number}/assign', operationId: 'assignTicket', body: AssignBody,
    summary: 'Assign to an agent and/or a team (null clears)',
  }, 'assign', (actorId, body) => ({ actorId, ...body }));

  const setStatus = ticketCommand({
    path: '/tickets/{number}/status', operationId: 'setTicketStatus', body: StatusBody,
    summary: 'Move the ticket through its lifecycle',
  }, 'setStatus', (actorId, body) => ({ actorId, status: body.status }));

  const setSubject = ticketCommand({
    path: '/tickets/{number}/subject', operationId: 'setTicketSubject', body: SubjectBody,
    summary: 'Rename the ticket (an Update on its workflow; the timeline keeps the old subject)',
  }, 'setSubject', (actorId, body) => ({ actorId, subject: body.subject }));

  const patch = ticketCommand({
    method: 'patch', path: '/tickets/{number}', operationId: 'updateTicket', body: PatchBody,
    summary: 'Change priority, tags or custom fields',
  }, 'patch', (actorId, body) => ({ actorId, ...body }));

  const sla = tickets.get('/tickets/{number}/sla', {
    operationId: 'getTicketSla', summary: "The ticket's SLA clocks, with live remaining business time",
    params: TicketNumberParams,
    responses: { 200: { description: 'Clocks', schema: z.object({ data: z.array(ClockViewSchema) }) } },
    async handler({ auth, params }) {
      const clocks = await withTenant(db, auth, async (trx) => {
        if (!(await getTicket(trx, auth.orgId, params.number))) return null;
        return listSlaClocks(trx, auth.orgId, params.number);
      });
      if (!clocks) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body: { data: clocks } };
    },
  });

  return [create, list, counts, show, timeline, sla, reply, assign, setStatus, setSubject, patch];
}
