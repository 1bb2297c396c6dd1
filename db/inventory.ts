import type { Knex } from 'knex';
import { tenantJoin } from './tenant-join';

/** Stock: the locations that hold parts (vans, depots), the parts catalogue, and how many of each a location holds. */
export interface StockLevelRow { item_id: string; sku: string; name: string; unit: string; location_id: string; location: string; quantity: string; updated_at: Date }

export async function listStockLocations(trx: Knex.Transaction, orgId: string): Promise<{ id: string; name: string; kind: string }[]> {
  return trx('stock_locations').where({ org_id: orgId }).orderBy('name').select('id', 'name', 'kind');
}

export async function insertStockLocation(trx: Knex.Transaction, orgId: string, location: { id: string; name: string; kind: string }): Promise<void> {
  await trx('stock_locations').insert({ org_id: orgId, ...location });
}

/** Whether the id is one of the org's vans (the only locations a technician carries stock in). */
export async function isVan(trx: Knex.Transaction, orgId: string, locationId: string): Promise<boolean> {
  return (await trx('stock_locations').where({ org_id: orgId, id: locationId, kind: 'van' }).first('id')) !== undefined;
}

export async function listInventoryItems(trx: Knex.Transaction, orgId: string): Promise<{ id: string; sku: string; name: string; unit: string }[]> {
  return trx('inventory_items').where({ org_id: orgId }).orderBy('sku').select('id', 'sku', 'name', 'unit');
}

export async function insertInventoryItem(trx: Knex.Transaction, orgId: string, item: { id: string; sku: string; name: string; unit: string }): Promise<void> {
  await trx('inventory_items').insert({ org_id: orgId, ...item });
}

/** Stock levels by location name, then SKU; optionally of one location or one item. */
export async function listStockLevels(trx: Knex.Transaction, orgId: string, filter: { locationId?: string | undefined; itemId?: string | undefined }): Promise<StockLevelRow[]> {
  const builder = trx('inventory_stock as s')
    .join('inventory_items as i', tenantJoin(['i.id', 's.item_id']))
    .join('stock_locations as l', tenantJoin(['l.id', 's.location_id']))
    .where('s.org_id', orgId)
    .select('s.item_id', 'i.sku', 'i.name', 'i.unit', 's.location_id', 'l.name as location', 's.quantity', 's.updated_at');
  if (filter.locationId) builder.where('s.location_id', filter.locationId);
  if (filter.itemId) builder.where('s.item_id', filter.itemId);
  return builder.orderBy(['l.name', 'i.sku']);
}

/** The counted stock of a part at a location (a stock take or a delivery) replaces what was stored. */
export async function setStockLevel(trx: Knex.Transaction, orgId: string, level: { itemId: string; locationId: string; quantity: number }): Promise<void> {
  await trx('inventory_stock')
    .insert({ org_id: orgId, item_id: level.itemId, location_id: level.locationId, quantity: level.quantity })
    .onConflict(['org_id', 'item_id', 'location_id'])
    .merge({ quantity: level.quantity, updated_at: trx.fn.now() });
}
