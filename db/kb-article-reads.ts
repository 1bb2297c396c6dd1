import type { Knex } from 'knex';
import { KbArticle, KbArticleTranslation } from './models';
import type { KbArticleStatus } from './models/kb-article-translation';

export interface ArticleListFilter {
  locale?: string | undefined;
  status?: KbArticleStatus | undefined;
  categoryId?: string | undefined;
  sectionId?: string | undefined;
  tag?: string | undefined;
  limit: number;
  offset: number;
}

/** A translation with where its article is filed. */
export type FiledTranslation = KbArticleTranslation & { category_id: string | null; section_id: string | null };

/** An org's article translations, most recently changed first, narrowed by the filter. */
export async function listFiledTranslations(trx: Knex.Transaction, orgId: string, filter: ArticleListFilter): Promise<FiledTranslation[]> {
  const builder = KbArticleTranslation.query(trx)
    .join('kb_articles as a', (join) => join.on('a.org_id', 'kb_article_translations.org_id').andOn('a.id', 'kb_article_translations.article_id'))
    .where('kb_article_translations.org_id', orgId)
    .select('kb_article_translations.*', 'a.category_id', 'a.section_id')
    .orderBy([{ column: 'kb_article_translations.updated_at', order: 'desc' }, { column: 'kb_article_translations.article_id' }])
    .limit(filter.limit).offset(filter.offset);
  if (filter.locale) builder.where('kb_article_translations.locale', filter.locale);
  if (filter.status) builder.where('kb_article_translations.status', filter.status);
  if (filter.categoryId) builder.where('a.category_id', filter.categoryId);
  if (filter.sectionId) builder.where('a.section_id', filter.sectionId);
  if (filter.tag) builder.whereRaw('kb_article_translations.tags @> ARRAY[?]::text[]', [filter.tag]);
  return await builder.castTo<FiledTranslation[]>();
}

/** An article with its translations in locale order, or null when the org has no such article. */
export async function findArticleWithTranslations(trx: Knex.Transaction, orgId: string, id: string) {
  const article = await KbArticle.query(trx).where({ org_id: orgId, id }).first();
  if (!article) return null;
  const translations = await KbArticleTranslation.query(trx).where({ org_id: orgId, article_id: id }).orderBy('locale');
  return { article, translations };
}

/** The locales an article is translated into, in order (none: no such article). */
export async function articleLocales(trx: Knex.Transaction, orgId: string, id: string): Promise<string[]> {
  return (await KbArticleTranslation.query(trx).where({ org_id: orgId, article_id: id }).orderBy('locale').select('locale')).map((row) => row.locale);
}
