import { TenantRow } from './tenant-rows';
import type { KbArticleStatus } from './kb-article-translation';

/** One save of an article translation, kept for its history, diffs and restores. */
export class KbArticleVersion extends TenantRow {
  static override tableName = 'kb_article_versions';
  static override idColumn = ['org_id', 'article_id', 'locale', 'version'];

  declare article_id: string;
  declare locale: string;
  declare version: number;
  declare title: string;
  declare slug: string;
  declare body: string;
  declare status: KbArticleStatus;
  declare tags: string[];
  declare owner_id: string;
  declare category_id: string | null;
  declare section_id: string | null;
  declare edited_by: string;
  declare created_at: Date;
}
