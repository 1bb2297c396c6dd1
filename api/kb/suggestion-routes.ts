import { z } from 'zod';
import { searchArticles } from '../../db/kb-search';
import { findOrganization } from '../../db/organization-store';
import { ticketQuestion } from '../../db/ticket-question';
import { withTenant } from '../../db/tenant';
import { renderArticleHtml } from '../../domain/kb/markdown';
import { suggestionQuery } from '../../domain/kb/suggestion-query';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { SearchHitSchema } from '../schemas/kb';
import { TicketNumberParams } from '../schemas/tickets';

const SuggestionSchema = SearchHitSchema.extend({
  url: z.string().nullable().meta({ description: "The article on the org's public help centre; null for an internal article (agents only)" }),
}).meta({ id: 'KbSuggestion' });

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });

/**
 * Articles that may answer a ticket, for the agent's reply: the staff search (published and
 * internal) over the ticket's subject and the customer's messages. Not recorded as a search:
 * nobody typed it, so it must not fill the queue of missing articles.
 */
export function suggestionRoutes(deps: ApiDeps) {
  const { db } = deps;

  const suggest = knowledgeBase.get('/tickets/{number}/kb-suggestions', {
    operationId: 'suggestKbArticlesForTicket', summary: "Articles that may answer the ticket, best first, with the help-centre link to send",
    params: TicketNumberParams, query: z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) }),
    responses: { 200: { description: 'Suggestions', schema: z.object({ data: z.array(SuggestionSchema) }) } },
    async handler({ auth, params, query }) {
      const found = await withTenant(db, auth, async (trx) => {
        const question = await ticketQuestion(trx, auth.orgId, params.number);
        if (!question) return null;
        const text = suggestionQuery(question);
        const hits = text ? await searchArticles(trx, { orgId: auth.orgId, query: text, limit: query.limit, statuses: ['published', 'internal'] }) : [];
        return { hits, org: await findOrganization(trx, auth.orgId) };
      });
      if (!found) throw notFound('Ticket');
      const home = `${deps.publicUrl}/help/${encodeURIComponent(found.org?.slug ?? '')}`;
      const data = found.hits.map((hit) => ({ ...hit, url: hit.status === 'published' ? `${home}/articles/${hit.id}-${hit.slug}` : null }));
      return { status: 200, body: { data } };
    },
  });

  const preview = knowledgeBase.post('/kb/preview', {
    operationId: 'previewKbMarkdown', summary: 'Markdown rendered and sanitised exactly as a saved article would be (nothing is stored)',
    body: z.object({ body: z.string().max(200_000) }),
    responses: { 200: { description: 'The HTML', schema: z.object({ html: z.string() }) } },
    async handler({ body }) {
      return { status: 200, body: { html: renderArticleHtml(body.body) } };
    },
  });

  return [suggest, preview];
}
