import { z } from 'zod';
import { helpCentreOrg } from '../../db/help-centre';
import { recordedSearch } from '../../db/kb-reading-log';
import type { ArticleStatus } from '../../db/kb-search';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { HelpSearchQuery, SearchHitSchema, SearchQuery } from '../schemas/kb';

const SearchResults = z.object({ data: z.array(SearchHitSchema) });

/** What staff search by default: everything readers or agents may be pointed to. */
const STAFF_STATUSES: readonly ArticleStatus[] = ['published', 'internal'];

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });
const helpCentre = routeGroup({ tag: 'help centre', access: 'public' });

/** Knowledge-base search: for staff (published and internal), and the help centre's public one (published only). */
export function searchRoutes({ db }: ApiDeps) {
  const search = knowledgeBase.get('/kb/search', {
    operationId: 'searchKbArticles', summary: 'Search articles, best match first (websearch syntax: "a phrase", -word, or)',
    query: SearchQuery,
    responses: { 200: { description: 'Matches', schema: SearchResults } },
    async handler({ auth, query }) {
      const hits = await withTenant(db, auth, (trx) => recordedSearch(trx, {
        orgId: auth.orgId, query: query.q, limit: query.limit, statuses: query.status ? [query.status] : STAFF_STATUSES,
        locale: query.locale, categoryId: query.categoryId, sectionId: query.sectionId, tag: query.tag,
      }, 'agent'));
      return { status: 200, body: { data: hits } };
    },
  });

  const helpSearch = helpCentre.get('/help/{orgSlug}/search', {
    operationId: 'searchHelpCentre', summary: "Search an organization's published articles (no sign-in)",
    params: z.object({ orgSlug: z.string().max(100) }), query: HelpSearchQuery,
    responses: { 200: { description: 'Matches', schema: SearchResults } },
    async handler({ params, query }) {
      const org = await helpCentreOrg(db, params.orgSlug);
      if (!org) throw notFound('Help centre');
      const hits = await withTenant(db, { orgId: org.id }, (trx) => recordedSearch(trx, {
        orgId: org.id, query: query.q, limit: query.limit, statuses: ['published'], locale: query.locale,
      }, 'help'));
      return { status: 200, body: { data: hits } };
    },
  });

  return [search, helpSearch];
}
