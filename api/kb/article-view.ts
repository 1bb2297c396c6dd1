import type { KbArticle, KbArticleTranslation, KbArticleVersion } from '../../db/models';

/** An article as the API answers it: the article, its translation in one locale, its locales. */
export function articleView(article: KbArticle, translation: KbArticleTranslation, locales: string[]) {
  return { ...articleSummary(article, translation), body: translation.body, bodyHtml: translation.body_html, locales };
}

export function articleSummary(article: Pick<KbArticle, 'category_id' | 'section_id'>, translation: KbArticleTranslation) {
  return {
    id: translation.article_id, locale: translation.locale, title: translation.title, slug: translation.slug,
    status: translation.status, tags: translation.tags, ownerId: translation.owner_id, version: translation.version,
    categoryId: article.category_id, sectionId: article.section_id,
    publishedAt: translation.published_at?.toISOString() ?? null,
    createdAt: translation.created_at.toISOString(), updatedAt: translation.updated_at.toISOString(),
  };
}

export function versionView(version: KbArticleVersion) {
  return {
    version: version.version, locale: version.locale, title: version.title, slug: version.slug, body: version.body,
    status: version.status, tags: version.tags, categoryId: version.category_id, sectionId: version.section_id,
    editedBy: version.edited_by, createdAt: version.created_at.toISOString(),
  };
}
