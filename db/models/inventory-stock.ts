import { ScopedModel } from './scoped-model';

/** How many of one item one location holds. */
export class InventoryStock extends ScopedModel {
  static override tableName = 'inventory_stock';
  static override idColumn = ['org_id', 'item_id', 'location_id'];

  declare org_id: string;
  declare item_id: string;
  declare location_id: string;
  declare quantity: string;
  declare updated_at: Date;
}
