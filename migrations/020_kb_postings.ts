import type { Knex } from 'knex';
import { statementTrigger, type StatementKind } from './statement-triggers';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Impact-ordered postings for knowledge-base search: per org, locale and lexeme, every
 * searchable translation (published or internal) that holds it, with the BM25 term weight
 * that translation gives it (the field-weighted frequency, saturated and length-normalised
 * against the corpus average when the row was written). A search reads only the first few
 * hundred postings of each query word, highest impact first, down one index, instead of
 * scoring every translation that holds a common word: its cost no longer grows with the
 * number of articles (db/kb-search.ts rescores that short list exactly).
 *
 * Kept by statement triggers beside kb_count_lexemes_* (which fire first, by name, so the
 * corpus average already counts the statement's rows). A posting's impact is not rewritten
 * when the average moves later: it only chooses candidates, never the final order.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE kb_postings (
      org_id uuid NOT NULL REFERENCES organizations(id),
      locale text NOT NULL,
      lexeme text NOT NULL,
      article_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('published','internal')),
      impact real NOT NULL,
      PRIMARY KEY (org_id, locale, lexeme, article_id),
      FOREIGN KEY (org_id, article_id, locale) REFERENCES kb_article_translations(org_id, article_id, locale) ON DELETE CASCADE
    );
    CREATE INDEX kb_postings_impact_idx ON kb_postings (org_id, locale, lexeme, impact DESC);

    -- BM25's term part for one translation: k1 = 1.2, b = 0.75, occurrences weighted as
    -- db/kb-search.ts weighs them (title A 1.0, headings B 0.6, body C 0.3, D 0.1).
    CREATE FUNCTION kb_postings_of(p_org uuid, p_locale text, p_article uuid, p_status text, p_search tsvector)
      RETURNS TABLE (org_id uuid, locale text, lexeme text, article_id uuid, status text, impact real)
      LANGUAGE sql STABLE AS $$
        SELECT p_org, p_locale, l.lexeme, p_article, p_status,
          (l.tf * 2.2 / (l.tf + 1.2 * (0.25 + 0.75 * length(p_search) / greatest(avg_length.value, 1))))::real
        FROM (
          SELECT u.lexeme, sum(CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.6 WHEN 'C' THEN 0.3 ELSE 0.1 END) AS tf
          FROM unnest(p_search) AS u(lexeme, positions, weights) CROSS JOIN LATERAL unnest(u.weights) AS w
          GROUP BY u.lexeme
        ) l
        CROSS JOIN LATERAL (
          SELECT coalesce((SELECT c.lexemes::float8 / nullif(c.documents, 0) FROM kb_corpus c WHERE c.org_id = p_org AND c.locale = p_locale), length(p_search)) AS value
        ) avg_length
    $$;
  `);
  for (const [op, sql] of Object.entries(TRIGGER_BODIES) as [StatementKind, string][]) await knex.raw(postingsTrigger(op, sql));
  await knex.raw(`
    INSERT INTO kb_postings
      SELECT p.* FROM kb_article_translations t
      CROSS JOIN LATERAL kb_postings_of(t.org_id, t.locale, t.article_id, t.status, t.search) p
      WHERE t.status IN ('published','internal')
  `);
  await enableTenantIsolation(knex, ['kb_postings']);
}

const INSERT_NEW = `
  INSERT INTO kb_postings
    SELECT p.* FROM new_rows n CROSS JOIN LATERAL kb_postings_of(n.org_id, n.locale, n.article_id, n.status, n.search) p
    WHERE n.status IN ('published','internal')
    ORDER BY p.org_id, p.locale, p.lexeme, p.article_id;`;
const DELETE_OLD = `
  DELETE FROM kb_postings k USING old_rows o
    WHERE k.org_id = o.org_id AND k.locale = o.locale AND k.article_id = o.article_id;`;
/** What each kind of statement does to the postings of the rows it touched. */
const TRIGGER_BODIES: Record<StatementKind, string> = { insert: INSERT_NEW, update: `${DELETE_OLD}\n${INSERT_NEW}`, delete: DELETE_OLD };

function postingsTrigger(op: StatementKind, body: string): string {
  return `
    CREATE FUNCTION kb_postings_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NULL;
    END $$;
    ${statementTrigger(`kb_postings_${op}`, op, 'kb_article_translations', `kb_postings_${op}`)}
  `;
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS kb_postings_insert ON kb_article_translations;
    DROP TRIGGER IF EXISTS kb_postings_update ON kb_article_translations;
    DROP TRIGGER IF EXISTS kb_postings_delete ON kb_article_translations;
    DROP FUNCTION IF EXISTS kb_postings_insert(), kb_postings_update(), kb_postings_delete();
    DROP TABLE IF EXISTS kb_postings;
    DROP FUNCTION IF EXISTS kb_postings_of(uuid, text, uuid, text, tsvector);
  `);
}
