import { ScopedModel } from './scoped-model';

/** The top level of an org's knowledge base, as the help centre's home lists it. */
export class KbCategory extends ScopedModel {
  static override tableName = 'kb_categories';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare slug: string;
  declare description: string;
  declare position: number;
  declare created_at: Date;
  declare updated_at: Date;
}
