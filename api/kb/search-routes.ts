import { z } from 'zod';
import { helpCentreOrg } from '../../db/help-centre';
import { recordedSearch } from '../../db/kb-reading-log';
import type { ArticleStatus } from '../../db/kb-search';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { route } from '../route';
import { HelpSearchQuery, SearchHitSchema, SearchQuery } from '../schemas/kb';

const SearchResults = z.object({ data: z.array(SearchHitSchema) });

/** What staff search by default: everything readers or agents may be pointed to. */
const STAFF_STATUSES: readonly ArticleStatus[] = ['published', 'internal'];

/** Knowledge-base search: for staff (published and internal), and the help centre's public one (published only). */
export function searchRoutes(deps: ApiDeps) {
  const { db } = deps;

  const search = route({
    method: 'get', path: '/kb/search', tag: 'knowledge base', access: ACCESS.workTickets,
    operationId: 'searchKbArticles',
    summary: 'Search articles, best match first (websearch syntax: "a phrase", -word, or)',
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

  const helpSearch = route({
    method: 'get', path: '/help/{orgSlug}/search', tag: 'help centre', access: 'public',
    operationId: 'searchHelpCentre',
    summary: "Search an organization's published articles (no sign-in)",
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
