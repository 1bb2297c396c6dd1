import { EditableTenantEntity } from './tenant-rows';
import type { KbArticlesRow } from '../table-rows.generated';

/** A knowledge-base article: where it is filed. What it says is in its translations. */
export interface KbArticle extends KbArticlesRow {}
export class KbArticle extends EditableTenantEntity {
  static override tableName = 'kb_articles';
}
