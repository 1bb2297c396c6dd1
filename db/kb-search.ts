import type { Knex } from 'knex';
import { escapeHtml } from '../domain/kb/escape-html';
import { planQuery, tsqueryOperand, usesSearchSyntax, type AnalysedTerm, type QueryPlan } from '../domain/kb/query-plan';

export type ArticleStatus = 'draft' | 'published' | 'internal' | 'archived';

export interface KbSearchInput {
  orgId: string;
  query: string;
  limit: number;
  statuses: readonly ArticleStatus[];
  locale?: string | undefined;
  categoryId?: string | undefined;
  sectionId?: string | undefined;
  tag?: string | undefined;
}

export interface KbSearchHit {
  id: string;
  locale: string;
  title: string;
  slug: string;
  status: ArticleStatus;
  snippet: string;
  score: number;
  categoryId: string | null;
  sectionId: string | null;
  tags: string[];
}

/** BM25's length normalisation and saturation, over ts_rank's field-weighted frequency. */
const K1 = 1.2;
const B = 0.75;
/** ts_rank weights {D, C, B, A}: body C, headings B, title A. */
const WEIGHTS = '{0.1, 0.3, 0.6, 1.0}';
/** ts_rank of one occurrence at weight 1 is 1/1.6449 (its sum over 1/i²): scale it back to 1. */
const RANK_SCALE = 1.6449;
/** A title that reads like the query (trigram similarity): a typo in a title word still finds it. */
const TITLE_SIMILARITY_WEIGHT = 1.5;
/** How far a misspelt word may be from the word it is taken for (Levenshtein, so a swap is 2). */
const MAX_EDITS = 2;
/**
 * The postings path (kb_postings, migrations/020): how many postings of each query word are
 * read, highest impact first, and how many of the translations they reach are rescored
 * exactly. A translation outside the pool can only be one whose every query word sits deep
 * in a long posting list, which the exact formula would rank low too.
 */
const POSTINGS_PER_TERM = 300;
const RESCORED_POOL = 150;
/** The states kb_postings holds (the searchable ones, as kb_lexemes counts them). */
const POSTED_STATUSES: readonly ArticleStatus[] = ['published', 'internal'];
const SNIPPET_START = '\u0002';
const SNIPPET_STOP = '\u0003';

/**
 * Full-text search over an org's article translations, best first (see domain/kb/query-plan.ts
 * for the ranking's reasons). Runs inside the caller's tenant transaction.
 */
export async function searchArticles(trx: Knex.Transaction, input: KbSearchInput): Promise<KbSearchHit[]> {
  const locales = input.locale ? [input.locale] : await searchableLocales(trx, input);
  const hits: KbSearchHit[] = [];
  // One after another: they share the transaction's connection.
  for (const locale of locales) hits.push(...(await searchLocale(trx, input, locale)));
  const best = new Map<string, KbSearchHit>();
  for (const hit of hits.sort((a, b) => b.score - a.score)) if (!best.has(hit.id)) best.set(hit.id, hit);
  return [...best.values()].slice(0, input.limit);
}

async function searchableLocales(trx: Knex.Transaction, input: KbSearchInput): Promise<string[]> {
  // kb_corpus has a row per locale with searchable translations: a handful of rows, where
  // DISTINCT over the translations reads every one of them.
  const rows: { locale: string }[] = usesPostings(input)
    ? await trx('kb_corpus').where('org_id', input.orgId).andWhere('documents', '>', 0).orderBy('locale').select('locale')
    : await trx('kb_article_translations').where('org_id', input.orgId).distinct('locale').orderBy('locale');
  return rows.map((row) => row.locale);
}

/**
 * Whether the pool of candidates may come from kb_postings: only searchable states are
 * posted, and a filter or websearch syntax narrows the set by more than words, so those
 * searches match every translation as before.
 */
function usesPostings(input: KbSearchInput): boolean {
  return input.statuses.every((status) => POSTED_STATUSES.includes(status))
    && !input.categoryId && !input.sectionId && !input.tag && !usesSearchSyntax(input.query);
}

async function searchLocale(trx: Knex.Transaction, input: KbSearchInput, locale: string): Promise<KbSearchHit[]> {
  const plan = await analyse(trx, input.orgId, locale, input.query);
  if (plan.candidates.length === 0) return [];
  const candidateQuery = plan.candidates.map(tsqueryOperand).join(' | ');
  const strict = usesSearchSyntax(input.query);
  const pooled = usesPostings(input);
  const rows = await trx.raw(
    `
    WITH q AS (
      SELECT o.term::tsquery AS term, o.lexeme, o.idf FROM unnest(?::text[], ?::text[], ?::float8[]) AS o(term, lexeme, idf)
    ), ${pooled ? `pool AS (
      SELECT p.article_id FROM q CROSS JOIN LATERAL (
        SELECT k.article_id, k.impact FROM kb_postings k
        WHERE k.org_id = ? AND k.locale = ? AND k.lexeme = q.lexeme AND k.status = ANY(?::text[])
        ORDER BY k.impact DESC LIMIT ${POSTINGS_PER_TERM}
      ) p
      GROUP BY p.article_id ORDER BY sum(q.idf * p.impact) DESC, p.article_id LIMIT ${RESCORED_POOL}
    ), ` : ''}candidates AS (
      SELECT t.article_id, t.locale, t.title, t.slug, t.status, t.tags, t.body_text, a.category_id, a.section_id,
        (SELECT coalesce(sum(q.idf * r.tf * ${K1 + 1} / (r.tf + ${K1} * (1 - ${B} + ${B} * length(t.search) / ?::float8))), 0)
           FROM q CROSS JOIN LATERAL (SELECT ts_rank('${WEIGHTS}', t.search, q.term, 0) * ${RANK_SCALE} AS tf) r WHERE r.tf > 0)
        + ${TITLE_SIMILARITY_WEIGHT} * similarity(t.title, ?) AS score
      FROM kb_article_translations t
      JOIN kb_articles a ON a.org_id = t.org_id AND a.id = t.article_id
      WHERE t.org_id = ? AND t.locale = ? AND t.status = ANY(?::text[])
        AND ${pooled ? 't.article_id IN (SELECT article_id FROM pool)' : 't.search @@ ?::tsquery'}
        ${strict ? 'AND t.search @@ websearch_to_tsquery(kb_text_config(t.locale), ?)' : ''}
        ${input.categoryId ? 'AND a.category_id = ?' : ''}
        ${input.sectionId ? 'AND a.section_id = ?' : ''}
        ${input.tag ? 'AND t.tags @> ARRAY[?]::text[]' : ''}
      ORDER BY score DESC, t.article_id
      LIMIT ?
    )
    SELECT c.*, ts_headline(kb_text_config(c.locale), c.body_text, ?::tsquery,
      'MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … ", StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}') AS snippet
    FROM candidates c ORDER BY c.score DESC, c.article_id
    `,
    [
      plan.terms.map((term) => tsqueryOperand(term.lexeme)), plan.terms.map((term) => term.lexeme), plan.terms.map((term) => term.idf),
      ...(pooled ? [input.orgId, locale, [...input.statuses]] : []),
      plan.averageLength, input.query,
      input.orgId, locale, [...input.statuses], ...(pooled ? [] : [candidateQuery]),
      ...(strict ? [input.query] : []),
      ...(input.categoryId ? [input.categoryId] : []),
      ...(input.sectionId ? [input.sectionId] : []),
      ...(input.tag ? [input.tag] : []),
      input.limit, candidateQuery,
    ],
  );
  return (rows.rows as HitRow[]).map((row) => ({
    id: row.article_id, locale: row.locale, title: row.title, slug: row.slug, status: row.status,
    snippet: markSnippet(row.snippet), score: Number(row.score), categoryId: row.category_id, sectionId: row.section_id, tags: row.tags,
  }));
}

interface HitRow {
  article_id: string; locale: string; title: string; slug: string; status: ArticleStatus; snippet: string;
  score: string | number; category_id: string | null; section_id: string | null; tags: string[];
}

/** The query's stemmed words, their document frequencies, and corrections for unknown ones. */
async function analyse(trx: Knex.Transaction, orgId: string, locale: string, query: string): Promise<QueryPlan> {
  await trx.raw(`SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)`);
  const terms: { rows: { lexeme: string; documents: number; correction: string | null; correction_documents: number | null }[] } = await trx.raw(
    `
    SELECT w.lexeme, coalesce(k.documents, 0) AS documents, fix.lexeme AS correction, fix.documents AS correction_documents
    FROM unnest(tsvector_to_array(to_tsvector(kb_text_config(?), ?))) AS w(lexeme)
    LEFT JOIN kb_lexemes k ON k.org_id = ? AND k.locale = ? AND k.lexeme = w.lexeme AND k.documents > 0
    LEFT JOIN LATERAL (
      SELECT c.lexeme, c.documents FROM kb_lexemes c
      WHERE k.lexeme IS NULL AND length(w.lexeme) >= 4 AND c.org_id = ? AND c.locale = ? AND c.documents > 0
        AND c.lexeme % w.lexeme
        AND levenshtein_less_equal(c.lexeme, w.lexeme, ${MAX_EDITS}) <= CASE WHEN length(w.lexeme) >= 6 THEN ${MAX_EDITS} ELSE 1 END
      ORDER BY levenshtein(c.lexeme, w.lexeme), c.documents DESC, c.lexeme LIMIT 1
    ) fix ON true
    `,
    [locale, query, orgId, locale, orgId, locale],
  );
  const corpus = await trx('kb_corpus').where({ org_id: orgId, locale }).first<{ documents: number; lexemes: number } | undefined>('documents', 'lexemes');
  const analysed: AnalysedTerm[] = terms.rows.map((row) => ({
    lexeme: row.lexeme, documents: row.documents,
    correction: row.correction ? { lexeme: row.correction, documents: row.correction_documents ?? 0 } : null,
  }));
  return planQuery(analysed, { documents: corpus?.documents ?? 0, lexemes: Number(corpus?.lexemes ?? 0) });
}

/** The headline with its markers as <mark>, everything else escaped. */
function markSnippet(headline: string): string {
  return escapeHtml(headline.replace(/\s+/g, ' ').trim()).replaceAll(SNIPPET_START, '<mark>').replaceAll(SNIPPET_STOP, '</mark>');
}

