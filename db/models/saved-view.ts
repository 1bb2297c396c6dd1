import { TenantEntity } from './tenant-rows';

/** An agent's saved ticket filter. */
export class SavedView extends TenantEntity {
  static override tableName = 'saved_views';
  static override jsonAttributes = ['filters'];

  declare user_id: string;
  declare name: string;
  declare filters: unknown;
}
