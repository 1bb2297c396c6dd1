import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { route } from '../route';
import { ItemBody, ItemSchema, LocationBody, LocationSchema, SetStockBody, StockQuery, StockSchema } from '../schemas/field-service';

export function inventoryRoutes(deps: ApiDeps) {
  const { db } = deps;

  const locations = route({
    method: 'get', path: '/inventory/locations', tag: 'inventory', access: ACCESS.staff,
    operationId: 'listStockLocations',
    summary: 'Vans and depots that hold stock',
    responses: { 200: { description: 'Locations', schema: z.object({ data: z.array(LocationSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => trx('stock_locations').where({ org_id: auth.orgId }).orderBy('name').select('id', 'name', 'kind'));
      return { status: 200, body: { data: rows } };
    },
  });

  const createLocation = route({
    method: 'post', path: '/inventory/locations', tag: 'inventory', access: ACCESS.dispatch,
    operationId: 'createStockLocation',
    summary: 'Add a van or a depot',
    body: LocationBody,
    responses: { 201: { description: 'Created', schema: LocationSchema } },
    async handler({ auth, body }) {
      const row = { id: crypto.randomUUID(), ...body };
      await withTenant(db, auth, (trx) => trx('stock_locations').insert({ org_id: auth.orgId, ...row }));
      return { status: 201, body: row };
    },
  });

  const items = route({
    method: 'get', path: '/inventory/items', tag: 'inventory', access: ACCESS.staff,
    operationId: 'listInventoryItems',
    summary: 'Parts catalogue',
    responses: { 200: { description: 'Items', schema: z.object({ data: z.array(ItemSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => trx('inventory_items').where({ org_id: auth.orgId }).orderBy('sku').select('id', 'sku', 'name', 'unit'));
      return { status: 200, body: { data: rows } };
    },
  });

  const createItem = route({
    method: 'post', path: '/inventory/items', tag: 'inventory', access: ACCESS.dispatch,
    operationId: 'createInventoryItem',
    summary: 'Add a part to the catalogue',
    body: ItemBody,
    responses: { 201: { description: 'Created', schema: ItemSchema } },
    async handler({ auth, body }) {
      const row = { id: crypto.randomUUID(), ...body };
      await withTenant(db, auth, (trx) => trx('inventory_items').insert({ org_id: auth.orgId, ...row }));
      return { status: 201, body: row };
    },
  });

  const stock = route({
    method: 'get', path: '/inventory/stock', tag: 'inventory', access: ACCESS.staff,
    operationId: 'listStockLevels',
    summary: 'Stock levels per part and location',
    query: StockQuery,
    responses: { 200: { description: 'Stock levels', schema: z.object({ data: z.array(StockSchema) }) } },
    async handler({ auth, query }) {
      const rows = await withTenant(db, auth, (trx) => {
        const builder = trx('inventory_stock as s')
          .join('inventory_items as i', function () {
            this.on('i.org_id', 's.org_id').andOn('i.id', 's.item_id');
          })
          .join('stock_locations as l', function () {
            this.on('l.org_id', 's.org_id').andOn('l.id', 's.location_id');
          })
          .where('s.org_id', auth.orgId)
          .select('s.item_id', 'i.sku', 'i.name', 'i.unit', 's.location_id', 'l.name as location', 's.quantity', 's.updated_at');
        if (query.locationId) builder.where('s.location_id', query.locationId);
        if (query.itemId) builder.where('s.item_id', query.itemId);
        return builder.orderBy(['l.name', 'i.sku']);
      });
      return {
        status: 200,
        body: {
          data: rows.map((row: { item_id: string; sku: string; name: string; unit: string; location_id: string; location: string; quantity: string; updated_at: Date }) => ({
            itemId: row.item_id, sku: row.sku, name: row.name, unit: row.unit, locationId: row.location_id, location: row.location, quantity: Number(row.quantity), updatedAt: row.updated_at.toISOString(),
          })),
        },
      };
    },
  });

  const setStock = route({
    method: 'put', path: '/inventory/stock', tag: 'inventory', access: ACCESS.dispatch,
    operationId: 'setStockLevel',
    summary: 'Set the counted stock of a part at a location (a stock take or a delivery)',
    body: SetStockBody,
    responses: { 204: { description: 'Stored' } },
    async handler({ auth, body }) {
      await withTenant(db, auth, (trx) =>
        trx('inventory_stock')
          .insert({ org_id: auth.orgId, item_id: body.itemId, location_id: body.locationId, quantity: body.quantity })
          .onConflict(['org_id', 'item_id', 'location_id'])
          .merge({ quantity: body.quantity, updated_at: trx.fn.now() }),
      );
      return { status: 204 };
    },
  });

  return [locations, createLocation, items, createItem, stock, setStock];
}
