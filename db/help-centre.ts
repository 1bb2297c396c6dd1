import type { Knex } from 'knex';
import type { Db } from './connection';
import { KbArticleTranslation, KbSection } from './models';

export interface HelpCentreOrg {
  id: string;
  name: string;
  slug: string;
}

/** The org whose help centre a public URL names, found before any tenant is set (migration 012's function). */
export async function helpCentreOrg(db: Db, slug: string): Promise<HelpCentreOrg | null> {
  const result = await db.raw('SELECT id, name, slug FROM help_centre_org(?)', [slug]);
  return result.rows[0] ?? null;
}

/** What the help centre shows: published translations in English, nothing else. */
function published(trx: Knex.Transaction, orgId: string) {
  return KbArticleTranslation.query(trx).where({ 'kb_article_translations.org_id': orgId, status: 'published', locale: 'en' });
}

/** The most recently changed published articles. */
export async function recentPublished(trx: Knex.Transaction, orgId: string, limit: number): Promise<KbArticleTranslation[]> {
  return await published(trx, orgId).orderBy('updated_at', 'desc').limit(limit);
}

/** A section's published articles by title. */
export async function publishedInSection(trx: Knex.Transaction, orgId: string, sectionId: string): Promise<KbArticleTranslation[]> {
  return await published(trx, orgId)
    .join('kb_articles as a', (j) => j.on('a.org_id', 'kb_article_translations.org_id').andOn('a.id', 'kb_article_translations.article_id'))
    .where('a.section_id', sectionId).orderBy('title').select('kb_article_translations.*');
}

export async function findPublished(trx: Knex.Transaction, orgId: string, articleId: string): Promise<KbArticleTranslation | undefined> {
  return await published(trx, orgId).where('article_id', articleId).first();
}

export async function findSectionBySlug(trx: Knex.Transaction, orgId: string, slug: string): Promise<KbSection | undefined> {
  return await KbSection.query(trx).where({ org_id: orgId, slug }).first();
}
