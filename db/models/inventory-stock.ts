import { TenantRow } from './tenant-rows';

/** How many of one item one location holds. */
export class InventoryStock extends TenantRow {
  static override tableName = 'inventory_stock';
  static override idColumn = ['org_id', 'item_id', 'location_id'];

  declare item_id: string;
  declare location_id: string;
  declare quantity: string;
  declare updated_at: Date;
}
