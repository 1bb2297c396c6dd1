import { articleFigures, missingArticles, RESOLUTION_WINDOW_HOURS, type ArticleFigures } from '../../db/kb-report';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { routeGroup } from '../route-group';
import { KbReportQuery, KbReportSchema } from '../schemas/kb-report';

const DEFAULT_DAYS = 30;
const MISSING_LIMIT = 50;

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });

/** The knowledge-base report: per article views, votes and resolution; the searches that found nothing. */
export function reportRoutes({ db }: ApiDeps) {
  const report = knowledgeBase.get('/kb/report', {
    operationId: 'getKbReport', summary: 'Views, helpful ratio and 72 h resolution per article, and the queue of searches that found nothing',
    query: KbReportQuery,
    responses: { 200: { description: 'The report', schema: KbReportSchema } },
    async handler({ auth, query }) {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
      if (from >= to) throw new Problem(400, 'validation', 'The period is empty', { errors: [{ pointer: '/from', message: 'from must be before to.' }] });
      const period = { orgId: auth.orgId, from, to };
      const [articles, missing] = await withTenant(db, auth, async (trx) => [await articleFigures(trx, period), await missingArticles(trx, period, MISSING_LIMIT)] as const);
      return {
        status: 200,
        body: {
          from: from.toISOString(), to: to.toISOString(), resolutionWindowHours: RESOLUTION_WINDOW_HOURS,
          articles: articles.map(withRatios),
          missing: missing.map((row) => ({ query: row.query, searches: row.searches, lastSearchedAt: row.lastSearchedAt.toISOString() })),
        },
      };
    },
  });

  return [report];
}

function withRatios(figures: ArticleFigures) {
  const votes = figures.helpful + figures.notHelpful;
  return {
    ...figures,
    helpfulRatio: votes === 0 ? null : figures.helpful / votes,
    resolutionRate: figures.settledViews === 0 ? null : (figures.settledViews - figures.followedByTicket) / figures.settledViews,
  };
}
