import { TenantRow } from './tenant-rows';
import type { InventoryStockRow } from '../table-rows.generated';

/** How many of one item one location holds. */
export interface InventoryStock extends InventoryStockRow {}
export class InventoryStock extends TenantRow {
  static override tableName = 'inventory_stock';
  static override idColumn = ['org_id', 'item_id', 'location_id'];
}
