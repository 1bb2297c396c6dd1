import type { Knex } from 'knex';
import { KbArticleVersion } from './models';

/** A translation's saved versions (`db/kb-articles.ts` writes them), read back. */
export async function listVersions(trx: Knex.Transaction, orgId: string, articleId: string, locale: string): Promise<KbArticleVersion[]> {
  return await KbArticleVersion.query(trx).where({ org_id: orgId, article_id: articleId, locale }).orderBy('version', 'desc');
}

/** The versions among `versions` that the translation has (in no particular order). */
export async function findVersions(trx: Knex.Transaction, orgId: string, articleId: string, locale: string, versions: readonly number[]): Promise<KbArticleVersion[]> {
  return await KbArticleVersion.query(trx).where({ org_id: orgId, article_id: articleId, locale }).whereIn('version', versions);
}

export async function findVersion(trx: Knex.Transaction, orgId: string, articleId: string, locale: string, version: number): Promise<KbArticleVersion | undefined> {
  return await KbArticleVersion.query(trx).where({ org_id: orgId, article_id: articleId, locale, version }).first();
}
