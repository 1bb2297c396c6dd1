import type { Knex } from 'knex';

/** How long after reading an article a ticket from the same reader counts against it. */
export const RESOLUTION_WINDOW_HOURS = 72;

export interface ReportPeriod {
  orgId: string;
  from: Date;
  to: Date;
}

export interface ArticleFigures {
  articleId: string;
  title: string;
  status: string;
  views: number;
  helpful: number;
  notHelpful: number;
  /** Help-centre views whose reader is known by email, and whose 72 h are over or already followed by a ticket. */
  settledViews: number;
  /** Of those, the views the reader opened a ticket within 72 h after. */
  followedByTicket: number;
  /** Known readers' views still inside their 72 h, with no ticket yet. */
  pendingViews: number;
}

export interface MissingArticle {
  query: string;
  searches: number;
  lastSearchedAt: Date;
}

/**
 * Per article (in its `en` translation's title, else any): views, votes and the resolution
 * signal over the period. A view is followed by a ticket when a ticket whose requester's
 * email is the reader's was created after the view and within the window.
 */
export async function articleFigures(trx: Knex.Transaction, period: ReportPeriod): Promise<ArticleFigures[]> {
  const result = await trx.raw(
    `
    WITH views AS (
      SELECT v.article_id, v.source, v.reader_email, v.viewed_at,
        CASE WHEN v.source = 'help' AND v.reader_email IS NOT NULL THEN EXISTS (
          SELECT 1 FROM tickets t JOIN contacts c ON c.org_id = t.org_id AND c.id = t.requester_id
          WHERE t.org_id = v.org_id AND c.email = v.reader_email
            AND t.created_at >= v.viewed_at AND t.created_at <= v.viewed_at + make_interval(hours => ?)
        ) END AS followed
      FROM kb_views v WHERE v.org_id = ? AND v.viewed_at >= ? AND v.viewed_at < ?
    ), view_figures AS (
      SELECT article_id, count(*)::int AS views,
        count(*) FILTER (WHERE followed OR (followed = false AND viewed_at <= now() - make_interval(hours => ?)))::int AS settled,
        count(*) FILTER (WHERE followed)::int AS followed,
        count(*) FILTER (WHERE followed = false AND viewed_at > now() - make_interval(hours => ?))::int AS pending
      FROM views GROUP BY article_id
    ), votes AS (
      SELECT article_id, count(*) FILTER (WHERE helpful)::int AS helpful, count(*) FILTER (WHERE NOT helpful)::int AS not_helpful
      FROM kb_feedback WHERE org_id = ? AND created_at >= ? AND created_at < ? GROUP BY article_id
    )
    SELECT a.id AS article_id, tr.title, tr.status,
      coalesce(vf.views, 0) AS views, coalesce(vo.helpful, 0) AS helpful, coalesce(vo.not_helpful, 0) AS not_helpful,
      coalesce(vf.settled, 0) AS settled, coalesce(vf.followed, 0) AS followed, coalesce(vf.pending, 0) AS pending
    FROM kb_articles a
    JOIN LATERAL (
      SELECT t.title, t.status FROM kb_article_translations t WHERE t.org_id = a.org_id AND t.article_id = a.id
      ORDER BY (t.locale = 'en') DESC, t.locale LIMIT 1
    ) tr ON true
    LEFT JOIN view_figures vf ON vf.article_id = a.id
    LEFT JOIN votes vo ON vo.article_id = a.id
    WHERE a.org_id = ? AND (vf.article_id IS NOT NULL OR vo.article_id IS NOT NULL)
    ORDER BY coalesce(vf.views, 0) DESC, a.id
    LIMIT 500
    `,
    [RESOLUTION_WINDOW_HOURS, period.orgId, period.from, period.to, RESOLUTION_WINDOW_HOURS, RESOLUTION_WINDOW_HOURS,
      period.orgId, period.from, period.to, period.orgId],
  );
  return result.rows.map((row: Record<string, unknown>) => ({
    articleId: row.article_id, title: row.title, status: row.status, views: row.views, helpful: row.helpful, notHelpful: row.not_helpful,
    settledViews: row.settled, followedByTicket: row.followed, pendingViews: row.pending,
  }) as ArticleFigures);
}

/**
 * The queue of missing articles: what readers and agents searched for and found nothing,
 * the same words counted together, most asked first. A query that finds something now
 * still shows until its period ends: the queue reports what people met, not today's index.
 */
export async function missingArticles(trx: Knex.Transaction, period: ReportPeriod, limit: number): Promise<MissingArticle[]> {
  const rows: { query: string; searches: number; last_searched_at: Date }[] = (await trx.raw(
    `SELECT min(query) AS query, count(*)::int AS searches, max(searched_at) AS last_searched_at
     FROM kb_searches WHERE org_id = ? AND results = 0 AND searched_at >= ? AND searched_at < ?
     GROUP BY lower(regexp_replace(trim(query), '\\s+', ' ', 'g'))
     ORDER BY count(*) DESC, max(searched_at) DESC LIMIT ?`,
    [period.orgId, period.from, period.to, limit],
  )).rows;
  return rows.map((row) => ({ query: row.query, searches: row.searches, lastSearchedAt: row.last_searched_at }));
}
