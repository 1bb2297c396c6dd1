import type { Knex } from 'knex';

/** A solved ticket like the one asked about, with the public reply that answered it. */
export interface SimilarTicket {
  number: number;
  subject: string;
  status: 'solved' | 'closed';
  updatedAt: Date;
  /** How much of the question's rarer words it shares (a sum of their inverse document frequencies). */
  score: number;
  reply: { body: string; authorId: string | null; at: Date };
}

/** How many of the question's words the search reads: the rest add little and cost a scan each. */
const QUESTION_TERMS = 32;

/**
 * The org's solved and closed tickets that share the most of a question's words, weighted by
 * how rare each word is among the org's tickets (BM25's inverse document frequency, without
 * its length and frequency parts: tickets are short), each with the last public reply an
 * agent sent it. English stop words are dropped (Postgres's own dictionary says which); the
 * words are matched as the tickets' search column stores them (`simple`: lower-cased, not
 * stemmed). Tickets that were solved without a public reply answer nothing and are skipped.
 */
export async function similarSolvedTickets(
  trx: Knex.Transaction,
  orgId: string,
  { question, exclude, limit }: { question: string; exclude: number; limit: number },
): Promise<SimilarTicket[]> {
  const { rows } = await trx.raw<{ rows: (Omit<SimilarTicket, 'reply' | 'score'> & { score: string; body: string; author_id: string | null; replied_at: Date })[] }>(`
    WITH terms AS (
      SELECT quote_literal(lexeme)::tsquery AS query
      FROM unnest(to_tsvector('simple', :question)) AS word(lexeme, positions, weights)
      WHERE to_tsvector('english', lexeme) <> ''::tsvector
      LIMIT :terms
    ), total AS (
      SELECT count(*) AS n FROM tickets WHERE org_id = :orgId
    ), weighted AS (
      SELECT terms.query, ln(1 + (total.n - df.n + 0.5) / (df.n + 0.5)) AS idf
      FROM terms CROSS JOIN total
      CROSS JOIN LATERAL (SELECT count(*) AS n FROM tickets t WHERE t.org_id = :orgId AND t.search @@ terms.query) df
      WHERE df.n > 0
    ), ranked AS (
      SELECT t.number, t.subject, t.status, t.updated_at, sum(w.idf) AS score
      FROM tickets t JOIN weighted w ON t.search @@ w.query
      WHERE t.org_id = :orgId AND t.number <> :exclude AND t.status IN ('solved', 'closed')
      GROUP BY t.number, t.subject, t.status, t.updated_at
      ORDER BY score DESC, t.number DESC
      LIMIT :candidates
    )
    SELECT ranked.number, ranked.subject, ranked.status, ranked.updated_at AS "updatedAt", ranked.score,
           reply.body, reply.actor_id AS author_id, reply.created_at AS replied_at
    FROM ranked
    CROSS JOIN LATERAL (
      SELECT e.data->>'body' AS body, e.actor_id, e.created_at FROM ticket_events e
      WHERE e.org_id = :orgId AND e.ticket_number = ranked.number AND e.type = 'replied' AND e.data->>'visibility' = 'public'
      ORDER BY e.seq DESC, e.part DESC LIMIT 1
    ) reply
    ORDER BY ranked.score DESC, ranked.number DESC
    LIMIT :limit`, { question, terms: QUESTION_TERMS, orgId, exclude, candidates: limit * 3, limit });
  return rows.map(({ body, author_id, replied_at, score, ...ticket }) => ({
    ...ticket,
    score: Number(score),
    reply: { body, authorId: author_id, at: replied_at },
  }));
}
