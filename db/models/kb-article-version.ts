import { TenantRow } from './tenant-rows';
import type { KbArticleStatus } from './kb-article-translation';
import type { KbArticleVersionsRow } from '../table-rows.generated';

/** One save of an article translation, kept for its history, diffs and restores. */
// The versions table does not repeat the CHECK on `status`: a version keeps the state it was saved with.
export interface KbArticleVersion extends Omit<KbArticleVersionsRow, 'status'> { status: KbArticleStatus }
export class KbArticleVersion extends TenantRow {
  static override tableName = 'kb_article_versions';
  static override idColumn = ['org_id', 'article_id', 'locale', 'version'];
}
