import { TenantRow } from './tenant-rows';
import type { KbArticleTranslationsRow } from '../table-rows.generated';

/** The translation table's CHECK list: one article state vocabulary for versions and routes. */
export type KbArticleStatus = KbArticleTranslationsRow['status'];

/** An article in one locale: its current title, Markdown, state and tags (the generated `search` column is never written). */
export interface KbArticleTranslation extends KbArticleTranslationsRow {}
export class KbArticleTranslation extends TenantRow {
  static override tableName = 'kb_article_translations';
  static override idColumn = ['org_id', 'article_id', 'locale'];
}
