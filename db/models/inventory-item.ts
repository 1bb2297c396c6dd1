import { Model } from 'objection';
import { InventoryStock } from './inventory-stock';
import { ScopedModel } from './scoped-model';

/** A part Keel keeps stock of. */
export class InventoryItem extends ScopedModel {
  static override tableName = 'inventory_items';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare sku: string;
  declare name: string;
  declare unit: string;
  declare created_at: Date;

  static override get relationMappings() {
    return {
      stock: { relation: Model.HasManyRelation, modelClass: InventoryStock, join: { from: ['inventory_items.org_id', 'inventory_items.id'], to: ['inventory_stock.org_id', 'inventory_stock.item_id'] } },
    };
  }
}
