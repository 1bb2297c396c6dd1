import type { Knex } from 'knex';
import { articleSearchText, renderArticleHtml } from '../domain/kb/markdown';
import { KbArticle, KbArticleTranslation, KbArticleVersion } from './models';
import type { KbArticleStatus } from './models/kb-article-translation';

export interface ArticleContent {
  title: string;
  body: string;
  status: KbArticleStatus;
  tags: string[];
  slug: string;
}

export interface SavedArticle {
  article: KbArticle;
  translation: KbArticleTranslation;
}

/** The columns a translation derives from its Markdown: the HTML shown and the text searched. */
function derived(content: ArticleContent, previous: KbArticleTranslation | null) {
  const text = articleSearchText(content.body);
  const publishedNow = content.status === 'published' && previous?.status !== 'published';
  return {
    ...content,
    body_html: renderArticleHtml(content.body),
    headings: text.headings,
    body_text: text.text,
    published_at: publishedNow ? new Date() : (previous?.published_at ?? null),
    updated_at: new Date(),
  };
}

async function recordVersion(trx: Knex.Transaction, article: KbArticle, translation: KbArticleTranslation, editedBy: string): Promise<void> {
  await KbArticleVersion.query(trx).insert({
    org_id: translation.org_id, article_id: translation.article_id, locale: translation.locale, version: translation.version,
    title: translation.title, slug: translation.slug, body: translation.body, status: translation.status, tags: translation.tags,
    owner_id: translation.owner_id, category_id: article.category_id, section_id: article.section_id, edited_by: editedBy,
  });
}

/** A new article with its first translation, as version 1. */
export async function createArticle(
  trx: Knex.Transaction,
  input: { orgId: string; id: string; userId: string; locale: string; categoryId: string | null; sectionId: string | null; content: ArticleContent },
): Promise<SavedArticle> {
  const article = await KbArticle.query(trx).insertAndFetch({
    org_id: input.orgId, id: input.id, category_id: input.categoryId, section_id: input.sectionId, created_by: input.userId,
  });
  const translation = await KbArticleTranslation.query(trx).insertAndFetch({
    org_id: input.orgId, article_id: input.id, locale: input.locale, owner_id: input.userId, version: 1, ...derived(input.content, null),
  });
  await recordVersion(trx, article, translation, input.userId);
  return { article, translation };
}

/** The article and its translation in `locale`, locked for a save. */
export async function lockArticle(trx: Knex.Transaction, orgId: string, id: string, locale: string) {
  const article = await KbArticle.query(trx).where({ org_id: orgId, id }).forUpdate().first();
  if (!article) return null;
  const translation = (await KbArticleTranslation.query(trx).where({ org_id: orgId, article_id: id, locale }).forUpdate().first()) ?? null;
  return { article, translation };
}

/**
 * A save: the translation's new content as its next version (a new locale's first), and
 * where the article is filed. The caller holds the lock (`lockArticle`).
 */
export async function saveArticle(
  trx: Knex.Transaction,
  input: {
    article: KbArticle; translation: KbArticleTranslation | null; locale: string; userId: string;
    filing: { categoryId: string | null; sectionId: string | null }; content: ArticleContent;
  },
): Promise<SavedArticle> {
  const { article: before, translation: previous } = input;
  const article = await KbArticle.query(trx).patchAndFetchById([before.org_id, before.id], {
    category_id: input.filing.categoryId, section_id: input.filing.sectionId, updated_at: new Date(),
  });
  const values = derived(input.content, previous);
  const translation = previous
    ? await KbArticleTranslation.query(trx).patchAndFetchById([before.org_id, before.id, input.locale], { ...values, version: previous.version + 1 })
    : await KbArticleTranslation.query(trx).insertAndFetch({ org_id: before.org_id, article_id: before.id, locale: input.locale, owner_id: input.userId, version: 1, ...values });
  await recordVersion(trx, article, translation, input.userId);
  return { article, translation };
}
