import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { searchArticles, type KbSearchHit, type KbSearchInput } from './kb-search';
import { KbSearch, KbView } from './models';

/**
 * What readers of the knowledge base did: the articles they opened and the searches they ran,
 * with how many each found (the report's queue of missing articles reads them).
 */
export type ReadingSource = 'agent' | 'help';

export async function recordArticleView(trx: Knex.Transaction, view: { orgId: string; articleId: string; locale: string; source: ReadingSource }): Promise<void> {
  await KbView.query(trx).insert({ org_id: view.orgId, id: randomUUID(), article_id: view.articleId, locale: view.locale, source: view.source });
}

/** A search, recorded with how many it found. */
export async function recordedSearch(trx: Knex.Transaction, input: KbSearchInput, source: ReadingSource): Promise<KbSearchHit[]> {
  const hits = await searchArticles(trx, input);
  await KbSearch.query(trx).insert({ org_id: input.orgId, id: randomUUID(), query: input.query, locale: input.locale ?? null, source, results: hits.length });
  return hits;
}
