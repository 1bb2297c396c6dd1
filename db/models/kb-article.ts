import { EditableTenantEntity } from './tenant-rows';

/** A knowledge-base article: where it is filed. What it says is in its translations. */
export class KbArticle extends EditableTenantEntity {
  static override tableName = 'kb_articles';

  declare category_id: string | null;
  declare section_id: string | null;
  declare created_by: string;
}
