import type { Knex } from 'knex';
import { statementTrigger, type StatementKind } from './statement-triggers';
import { enableTenantIsolation } from './tenant-isolation';

const TENANT_TABLES = [
  'kb_categories', 'kb_sections', 'kb_articles', 'kb_article_translations', 'kb_article_versions',
  'kb_lexemes', 'kb_corpus', 'kb_feedback', 'kb_views', 'kb_searches',
];

/**
 * The knowledge base: categories → sections → articles per org; an article has one
 * translation per locale (what is searched and shown), and every save of a translation is
 * a version. Search is Postgres full text: a stored tsvector weighted title A, headings B,
 * body C under the locale's text search configuration, and per org and locale the document
 * frequency of every lexeme of the searchable (published or internal) translations, kept by
 * a statement trigger, so a search can weigh rare words above common ones (what ts_rank
 * alone cannot) and correct a misspelt word against the org's own vocabulary (pg_trgm,
 * fuzzystrmatch).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

    -- A locale's text search configuration: its language's stemmer and stop words, 'simple'
    -- (lower-cased words, no stemming) for a language Postgres has no configuration for.
    CREATE FUNCTION kb_text_config(p_locale text) RETURNS regconfig
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
      SELECT (CASE lower(split_part(replace(p_locale, '_', '-'), '-', 1))
        WHEN 'ar' THEN 'arabic' WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'de' THEN 'german'
        WHEN 'el' THEN 'greek' WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'eu' THEN 'basque'
        WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french' WHEN 'ga' THEN 'irish' WHEN 'hi' THEN 'hindi'
        WHEN 'hu' THEN 'hungarian' WHEN 'hy' THEN 'armenian' WHEN 'id' THEN 'indonesian' WHEN 'it' THEN 'italian'
        WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali' WHEN 'nl' THEN 'dutch' WHEN 'nb' THEN 'norwegian'
        WHEN 'nn' THEN 'norwegian' WHEN 'no' THEN 'norwegian' WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian'
        WHEN 'ru' THEN 'russian' WHEN 'sr' THEN 'serbian' WHEN 'sv' THEN 'swedish' WHEN 'ta' THEN 'tamil'
        WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish'
        ELSE 'simple' END)::regconfig
    $$;

    CREATE TABLE kb_categories (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      slug text NOT NULL,
      description text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, slug)
    );

    CREATE TABLE kb_sections (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      category_id uuid NOT NULL,
      name text NOT NULL,
      slug text NOT NULL,
      description text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, slug),
      FOREIGN KEY (org_id, category_id) REFERENCES kb_categories(org_id, id)
    );

    -- The article itself: where it is filed. What it says is per locale, below.
    CREATE TABLE kb_articles (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      category_id uuid,
      section_id uuid,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, category_id) REFERENCES kb_categories(org_id, id),
      FOREIGN KEY (org_id, section_id) REFERENCES kb_sections(org_id, id)
    );
    CREATE INDEX kb_articles_section_idx ON kb_articles (org_id, section_id);
    CREATE INDEX kb_articles_category_idx ON kb_articles (org_id, category_id);

    CREATE TABLE kb_article_translations (
      org_id uuid NOT NULL,
      article_id uuid NOT NULL,
      locale text NOT NULL CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
      title text NOT NULL,
      slug text NOT NULL,
      -- Markdown as written, the sanitised HTML rendered from it, and the text the search
      -- reads from it: the headings, and the body as plain words.
      body text NOT NULL,
      body_html text NOT NULL,
      headings text NOT NULL,
      body_text text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft','published','internal','archived')),
      tags text[] NOT NULL DEFAULT '{}',
      owner_id uuid NOT NULL REFERENCES users(id),
      version integer NOT NULL,
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(kb_text_config(locale), title), 'A') ||
        setweight(to_tsvector(kb_text_config(locale), headings), 'B') ||
        setweight(to_tsvector(kb_text_config(locale), body_text), 'C')
      ) STORED,
      PRIMARY KEY (org_id, article_id, locale),
      FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id)
    );
    CREATE INDEX kb_article_translations_search_idx ON kb_article_translations USING gin (search);
    CREATE INDEX kb_article_translations_title_trgm_idx ON kb_article_translations USING gin (title gin_trgm_ops);
    CREATE INDEX kb_article_translations_tags_idx ON kb_article_translations USING gin (tags);
    CREATE INDEX kb_article_translations_status_idx ON kb_article_translations (org_id, status, locale);

    CREATE TABLE kb_article_versions (
      org_id uuid NOT NULL,
      article_id uuid NOT NULL,
      locale text NOT NULL,
      version integer NOT NULL,
      title text NOT NULL,
      slug text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      tags text[] NOT NULL,
      owner_id uuid NOT NULL REFERENCES users(id),
      category_id uuid,
      section_id uuid,
      edited_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, article_id, locale, version),
      FOREIGN KEY (org_id, article_id, locale) REFERENCES kb_article_translations(org_id, article_id, locale)
    );

    -- Document frequencies over the searchable translations (published, internal) per
    -- locale: how many translations hold each lexeme, and how many there are with how many
    -- lexemes in all. Only the trigger below writes them.
    CREATE TABLE kb_lexemes (
      org_id uuid NOT NULL REFERENCES organizations(id),
      locale text NOT NULL,
      lexeme text NOT NULL,
      documents integer NOT NULL,
      PRIMARY KEY (org_id, locale, lexeme)
    );
    CREATE INDEX kb_lexemes_trgm_idx ON kb_lexemes USING gin (lexeme gin_trgm_ops);
    CREATE TABLE kb_corpus (
      org_id uuid NOT NULL REFERENCES organizations(id),
      locale text NOT NULL,
      documents integer NOT NULL,
      lexemes bigint NOT NULL,
      PRIMARY KEY (org_id, locale)
    );

  `);
  for (const [op, changed] of Object.entries(CHANGED_ROWS) as [StatementKind, string][]) await knex.raw(countLexemesTrigger(op, changed));
  await knex.raw(`
    CREATE TABLE kb_feedback (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      article_id uuid NOT NULL,
      locale text NOT NULL,
      helpful boolean NOT NULL,
      comment text NOT NULL DEFAULT '',
      user_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id)
    );
    CREATE INDEX kb_feedback_article_idx ON kb_feedback (org_id, article_id);

    CREATE TABLE kb_views (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      article_id uuid NOT NULL,
      locale text NOT NULL,
      -- 'help' (the public help centre) or 'agent' (read through the API by staff).
      source text NOT NULL CHECK (source IN ('help','agent')),
      viewed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id)
    );
    CREATE INDEX kb_views_article_idx ON kb_views (org_id, article_id, viewed_at);

    -- Every search and how many results it found: those that found nothing are the queue of
    -- articles someone should write.
    CREATE TABLE kb_searches (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      query text NOT NULL,
      locale text,
      source text NOT NULL CHECK (source IN ('help','agent')),
      results integer NOT NULL,
      searched_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX kb_searches_empty_idx ON kb_searches (org_id, searched_at) WHERE results = 0;

    -- The one read of an organization before a tenant is known: the public help centre
    -- finds its org by slug. It returns nothing but the org's public face.
    CREATE FUNCTION help_centre_org(p_slug text)
      RETURNS TABLE (id uuid, name text, slug citext)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT o.id, o.name, o.slug FROM organizations o WHERE o.slug = p_slug::citext $$;
  `);
  await enableTenantIsolation(knex, TENANT_TABLES);
}

const SEARCHABLE = `status IN ('published','internal')`;
const ADDED = `SELECT org_id, locale, search, 1 AS sign FROM new_rows WHERE ${SEARCHABLE}`;
const REMOVED = `SELECT org_id, locale, search, -1 AS sign FROM old_rows WHERE ${SEARCHABLE}`;
/** The searchable rows a statement added (+1) and removed (-1), per kind of statement. */
const CHANGED_ROWS: Record<StatementKind, string> = { insert: ADDED, update: `${ADDED} UNION ALL ${REMOVED}`, delete: REMOVED };

/**
 * A statement trigger keeping kb_lexemes and kb_corpus: one upsert per statement, in key
 * order, so concurrent saves lock the counters in one order and never deadlock.
 */
function countLexemesTrigger(op: StatementKind, changed: string): string {
  return `
    CREATE FUNCTION kb_count_lexemes_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      WITH changed AS (${changed}), per_lexeme AS (
        SELECT c.org_id, c.locale, l.lexeme, sum(c.sign)::integer AS delta
        FROM changed c CROSS JOIN LATERAL unnest(tsvector_to_array(c.search)) AS l(lexeme)
        GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
      )
      INSERT INTO kb_lexemes AS k (org_id, locale, lexeme, documents)
        SELECT org_id, locale, lexeme, delta FROM per_lexeme ORDER BY org_id, locale, lexeme
        ON CONFLICT (org_id, locale, lexeme) DO UPDATE SET documents = k.documents + excluded.documents;
      WITH changed AS (${changed})
      INSERT INTO kb_corpus AS k (org_id, locale, documents, lexemes)
        SELECT org_id, locale, sum(sign)::integer, sum(sign * length(search)) FROM changed GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (org_id, locale) DO UPDATE SET documents = k.documents + excluded.documents, lexemes = k.lexemes + excluded.lexemes;
      RETURN NULL;
    END $$;
    ${statementTrigger(`kb_count_lexemes_${op}`, op, 'kb_article_translations', `kb_count_lexemes_${op}`)}
  `;
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS help_centre_org(text);
    DROP TABLE IF EXISTS kb_searches, kb_views, kb_feedback, kb_corpus, kb_lexemes, kb_article_versions,
      kb_article_translations, kb_articles, kb_sections, kb_categories;
    DROP FUNCTION IF EXISTS kb_count_lexemes_insert(), kb_count_lexemes_update(), kb_count_lexemes_delete();
    DROP FUNCTION IF EXISTS kb_text_config(text);
  `);
}
