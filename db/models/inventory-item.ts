import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { InventoryStock } from './inventory-stock';
import { TenantEntity } from './tenant-rows';

/** A part Keel keeps stock of. */
export class InventoryItem extends TenantEntity {
  static override tableName = 'inventory_items';

  declare sku: string;
  declare name: string;
  declare unit: string;

  static override get relationMappings(): RelationMappings {
    return {
      stock: hasManyInTenant(this, InventoryStock, 'item_id'),
    };
  }
}
