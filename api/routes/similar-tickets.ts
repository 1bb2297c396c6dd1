import { z } from 'zod';
import { similarSolvedTickets } from '../../db/similar-tickets';
import { ticketQuestion } from '../../db/ticket-question';
import { withTenant } from '../../db/tenant';
import { suggestionQuery } from '../../domain/kb/suggestion-query';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { found } from '../problem';
import { routeGroup } from '../route-group';
import { Timestamp } from '../schemas/common';
import { TicketNumberParams } from '../schemas/tickets';

const SimilarTicketSchema = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(['solved', 'closed']),
  updatedAt: Timestamp,
  score: z.number().meta({ description: 'How much of the question\'s rarer words the ticket shares; only the order means anything' }),
  reply: z.object({
    body: z.string(),
    authorId: z.uuid().nullable(),
    at: Timestamp,
  }).meta({ description: 'The last public reply the ticket was sent: what answered it' }),
}).meta({ id: 'SimilarTicket' });

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.workTickets });

/**
 * Suggested replies: the org's solved tickets most like this one, each with the reply that
 * answered it, for the agent to reuse. Read from the ticket's question (its subject and the
 * customer's words), as the article suggestions are.
 */
export function similarTicketRoutes(deps: ApiDeps) {
  const similar = tickets.get('/tickets/{number}/similar', {
    operationId: 'listSimilarSolvedTickets', summary: 'Solved tickets most like this one, best first, with the public reply that answered each',
    params: TicketNumberParams, query: z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) }),
    responses: { 200: { description: 'Similar solved tickets', schema: z.object({ data: z.array(SimilarTicketSchema) }) } },
    async handler({ auth, params, query }) {
      const similar = found(await withTenant(deps.db, auth, async (trx) => {
        const question = await ticketQuestion(trx, auth.orgId, params.number);
        if (!question) return null;
        const text = suggestionQuery(question);
        return text ? similarSolvedTickets(trx, auth.orgId, { question: text, exclude: params.number, limit: query.limit }) : [];
      }), 'Ticket');
      const data = similar.map((ticket) => ({ ...ticket, updatedAt: ticket.updatedAt.toISOString(), reply: { ...ticket.reply, at: ticket.reply.at.toISOString() } }));
      return { status: 200, body: { data } };
    },
  });
  return [similar];
}
