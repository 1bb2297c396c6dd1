import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { route } from '../route';
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
  TicketSchema,
  TimelineEventSchema,
  TimelineQuery,
} from '../schemas/tickets';
import { commandTicket, createTicket } from '../tickets/commands';
import { countTicketsByStatus, getTicket, listSlaClocks, listTickets, listTimeline } from '../tickets/read-model';
import { ClockViewSchema } from '../schemas/sla';
import { z } from 'zod';
import { parse } from '../validation';
import type { Context } from 'koa';

const ticketResponse = { 200: { description: 'The ticket after the change', schema: TicketSchema } };

function idempotencyKey(ctx: Context): string | undefined {
  return parse(IdempotencyHeaders, { 'idempotency-key': ctx.get('idempotency-key') || undefined }, 'headers')['idempotency-key'];
}

export function ticketRoutes(deps: ApiDeps) {
  const { db } = deps;

  const create = route({
    method: 'post', path: '/tickets', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'createTicket',
    summary: 'Open a ticket (starts its workflow)',
    body: CreateTicketBody, headers: IdempotencyHeaders,
    responses: { 201: { description: 'Created', schema: TicketSchema } },
    async handler({ auth, body, ctx }) {
      const { ticket, replayed } = await createTicket(deps, auth, body, idempotencyKey(ctx));
      return { status: 201, body: ticket, headers: { Location: `/api/v1/tickets/${ticket.number}`, ...(replayed && { 'Idempotent-Replayed': 'true' }) } };
    },
  });

  const list = route({
    method: 'get', path: '/tickets', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'listTickets',
    summary: 'The ticket queue, filtered and paginated',
    query: ListTicketsQuery,
    responses: { 200: { description: 'A page of tickets', schema: page(TicketSchema) } },
    async handler({ auth, query }) {
      return { status: 200, body: await withTenant(db, auth, (trx) => listTickets(trx, auth.orgId, query)) };
    },
  });

  const counts = route({
    method: 'get', path: '/tickets/counts', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'countTickets',
    summary: 'How many tickets are in each status, under the same filters as the queue',
    query: CountTicketsQuery,
    responses: { 200: { description: 'Counts per status', schema: StatusCountsSchema } },
    async handler({ auth, query }) {
      return { status: 200, body: await withTenant(db, auth, (trx) => countTicketsByStatus(trx, auth.orgId, query)) };
    },
  });

  const show = route({
    method: 'get', path: '/tickets/{number}', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'getTicket',
    summary: 'One ticket',
    params: TicketNumberParams,
    responses: { 200: { description: 'The ticket', schema: TicketSchema } },
    async handler({ auth, params }) {
      const ticket = await withTenant(db, auth, (trx) => getTicket(trx, auth.orgId, params.number));
      if (!ticket) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body: ticket };
    },
  });

  const timeline = route({
    method: 'get', path: '/tickets/{number}/timeline', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'getTicketTimeline',
    summary: 'Everything that happened to a ticket, oldest first',
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

  const reply = route({
    method: 'post', path: '/tickets/{number}/replies', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'replyToTicket',
    summary: 'Reply to the requester (public) or add an internal note',
    params: TicketNumberParams, body: ReplyBody, headers: IdempotencyHeaders, responses: ticketResponse,
    async handler({ auth, params, body, ctx }) {
      const args = { actorId: auth.userId, body: body.body, visibility: body.visibility };
      return { status: 200, body: await commandTicket(deps, auth, params.number, 'reply', args, idempotencyKey(ctx)) };
    },
  });

  const assign = route({
    method: 'post', path: '/tickets/{number}/assign', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'assignTicket',
    summary: 'Assign to an agent and/or a team (null clears)',
    params: TicketNumberParams, body: AssignBody, headers: IdempotencyHeaders, responses: ticketResponse,
    async handler({ auth, params, body, ctx }) {
      const args = { actorId: auth.userId, ...body };
      return { status: 200, body: await commandTicket(deps, auth, params.number, 'assign', args, idempotencyKey(ctx)) };
    },
  });

  const setStatus = route({
    method: 'post', path: '/tickets/{number}/status', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'setTicketStatus',
    summary: 'Move the ticket through its lifecycle',
    params: TicketNumberParams, body: StatusBody, headers: IdempotencyHeaders, responses: ticketResponse,
    async handler({ auth, params, body, ctx }) {
      const args = { actorId: auth.userId, status: body.status };
      return { status: 200, body: await commandTicket(deps, auth, params.number, 'setStatus', args, idempotencyKey(ctx)) };
    },
  });

  const setSubject = route({
    method: 'post', path: '/tickets/{number}/subject', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'setTicketSubject',
    summary: "Rename the ticket (an Update on its workflow; the timeline keeps the old subject)",
    params: TicketNumberParams, body: SubjectBody, headers: IdempotencyHeaders, responses: ticketResponse,
    async handler({ auth, params, body, ctx }) {
      const args = { actorId: auth.userId, subject: body.subject };
      return { status: 200, body: await commandTicket(deps, auth, params.number, 'setSubject', args, idempotencyKey(ctx)) };
    },
  });

  const patch = route({
    method: 'patch', path: '/tickets/{number}', tag: 'tickets', access: ACCESS.workTickets,
    operationId: 'updateTicket',
    summary: 'Change priority, tags or custom fields',
    params: TicketNumberParams, body: PatchBody, headers: IdempotencyHeaders, responses: ticketResponse,
    async handler({ auth, params, body, ctx }) {
      const args = { actorId: auth.userId, ...body };
      return { status: 200, body: await commandTicket(deps, auth, params.number, 'patch', args, idempotencyKey(ctx)) };
    },
  });

  const sla = route({
    method: 'get', path: '/tickets/{number}/sla', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'getTicketSla',
    summary: "The ticket's SLA clocks, with live remaining business time",
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
