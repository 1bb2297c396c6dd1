import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { InventoryStock } from './inventory-stock';
import { TenantEntity } from './tenant-rows';
import type { InventoryItemsRow } from '../table-rows.generated';

/** A part Keel keeps stock of. */
export interface InventoryItem extends InventoryItemsRow {}
export class InventoryItem extends TenantEntity {
  static override tableName = 'inventory_items';

  static override relationMappings = (): RelationMappings => ({ stock: hasManyInTenant(this, InventoryStock, 'item_id') });
}
