import { z } from 'zod';
import { KbFeedback } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { readerCookie } from '../help-centre/reader-cookie';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { Uuid } from '../schemas/common';
import { FeedbackBody } from '../schemas/kb';
import { FeedbackSchema } from '../schemas/kb-report';
import { ArticleParams } from './article-routes';
import { helpCentreOrg } from '../../db/help-centre';
import { voteOnPublishedArticle } from './help-vote';

const helpCentre = routeGroup({ tag: 'help centre', access: 'public' });
const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });

/** "Was this helpful?": readers vote on the help centre (no sign-in); staff read the votes. */
export function feedbackRoutes(deps: ApiDeps) {
  const { db } = deps;

  const vote = helpCentre.post('/help/{orgSlug}/articles/{id}/feedback', {
    operationId: 'rateHelpCentreArticle', summary: 'Say whether a published article helped, with an optional comment (one vote per reader: voting again replaces it)',
    params: z.object({ orgSlug: z.string().max(100), id: Uuid }), body: FeedbackBody,
    responses: { 201: { description: 'Recorded', schema: FeedbackSchema } },
    async handler({ ctx, params, body }) {
      const org = await helpCentreOrg(db, params.orgSlug);
      if (!org) throw notFound('Help centre');
      const reader = readerCookie(ctx, deps.publicUrl);
      const saved = await voteOnPublishedArticle(db, org, params.id, body, reader.readerId);
      if (!saved) throw notFound('Article');
      const headers: Record<string, string> = reader.setCookie ? { 'Set-Cookie': reader.setCookie } : {};
      return { status: 201, body: feedbackView(saved), headers };
    },
  });

  const list = knowledgeBase.get('/kb/articles/{id}/feedback', {
    operationId: 'listKbArticleFeedback', summary: "An article's votes and comments, newest first",
    params: ArticleParams, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    responses: { 200: { description: 'Votes', schema: z.object({ data: z.array(FeedbackSchema) }) } },
    async handler({ auth, params, query }) {
      const rows = await withTenant(db, auth, (trx) =>
        KbFeedback.query(trx).where({ org_id: auth.orgId, article_id: params.id }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(query.limit));
      return { status: 200, body: { data: rows.map(feedbackView) } };
    },
  });

  return [vote, list];
}

function feedbackView(row: Pick<KbFeedback, 'id' | 'helpful' | 'comment' | 'locale' | 'created_at'>) {
  return { id: row.id, helpful: row.helpful, comment: row.comment, locale: row.locale, createdAt: new Date(row.created_at).toISOString() };
}
