import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { recordVote } from '../../db/kb-readers';
import { KbArticleTranslation } from '../../db/models';
import type { KbFeedbackRow } from '../../db/table-rows.generated';
import { withTenant } from '../../db/tenant';
import type { FeedbackBody } from '../schemas/kb';
import type { HelpCentreOrg } from '../../db/help-centre';

/**
 * A help-centre reader's vote on one of the org's published articles (the JSON route and
 * the page's form both come here). Null when the org has no such published translation:
 * nobody can score a draft, an internal article or another org's article.
 */
export async function voteOnPublishedArticle(db: Db, org: HelpCentreOrg, articleId: string, vote: z.output<typeof FeedbackBody>, readerId: string): Promise<KbFeedbackRow | null> {
  return withTenant(db, { orgId: org.id }, async (trx) => {
    const published = await KbArticleTranslation.query(trx).where({ org_id: org.id, article_id: articleId, locale: vote.locale, status: 'published' }).first();
    if (!published) return null;
    return recordVote(trx, { orgId: org.id, articleId, locale: vote.locale, source: 'help', reader: { readerId, email: vote.email ?? null } }, { helpful: vote.helpful, comment: vote.comment });
  });
}
