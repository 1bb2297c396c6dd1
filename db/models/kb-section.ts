import { ScopedModel } from './scoped-model';

/** A group of articles within a knowledge-base category. */
export class KbSection extends ScopedModel {
  static override tableName = 'kb_sections';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare category_id: string;
  declare name: string;
  declare slug: string;
  declare description: string;
  declare position: number;
  declare created_at: Date;
  declare updated_at: Date;
}
