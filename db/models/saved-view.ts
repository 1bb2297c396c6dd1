import { TenantEntity } from './tenant-rows';
import type { SavedViewsRow } from '../table-rows.generated';

/** An agent's saved ticket filter. */
export interface SavedView extends SavedViewsRow {}
export class SavedView extends TenantEntity {
  static override tableName = 'saved_views';
  static override jsonAttributes = ['filters'];
}
