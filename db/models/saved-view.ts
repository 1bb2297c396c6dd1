import { ScopedModel } from './scoped-model';

/** An agent's saved ticket filter. */
export class SavedView extends ScopedModel {
  static override tableName = 'saved_views';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['filters'];

  declare org_id: string;
  declare id: string;
  declare user_id: string;
  declare name: string;
  declare filters: unknown;
  declare created_at: Date;
}
