import { ScopedModel } from './scoped-model';

/** A knowledge-base article: where it is filed. What it says is in its translations. */
export class KbArticle extends ScopedModel {
  static override tableName = 'kb_articles';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare category_id: string | null;
  declare section_id: string | null;
  declare created_by: string;
  declare created_at: Date;
  declare updated_at: Date;
}
