import type { Knex } from 'knex';
import { z } from 'zod';
import {
  insertInventoryItem, insertStockLocation, listInventoryItems, listStockLevels, listStockLocations, setStockLevel, type StockLevelRow,
} from '../../db/inventory';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import type { AnyRoute } from '../route';
import { routeGroup } from '../route-group';
import { ItemBody, ItemSchema, LocationBody, LocationSchema, SetStockBody, StockQuery, StockSchema } from '../schemas/field-service';

const stockView = (row: StockLevelRow): z.infer<typeof StockSchema> => ({
  itemId: row.item_id, sku: row.sku, name: row.name, unit: row.unit, locationId: row.location_id, location: row.location, quantity: Number(row.quantity), updatedAt: row.updated_at.toISOString(),
});

const inventory = routeGroup({ tag: 'inventory', access: ACCESS.staff });

/** A list the office reads (staff) and adds to (dispatch): the same two routes for locations and for parts. */
function catalogueRoutes<B extends z.ZodObject>(deps: ApiDeps, catalogue: {
  path: string;
  list: { operationId: string; summary: string; description: string; rows: (trx: Knex.Transaction, orgId: string) => Promise<unknown[]> };
  create: { operationId: string; summary: string; add: (trx: Knex.Transaction, orgId: string, row: z.infer<B> & { id: string }) => Promise<void> };
  body: B;
  schema: z.ZodType;
}): AnyRoute[] {
  const { db } = deps;
  const list = inventory.get(catalogue.path, {
    operationId: catalogue.list.operationId,
    summary: catalogue.list.summary,
    responses: { 200: { description: catalogue.list.description, schema: z.object({ data: z.array(catalogue.schema) }) } },
    async handler({ auth }) {
      return { status: 200, body: { data: await withTenant(db, auth, (trx) => catalogue.list.rows(trx, auth.orgId)) } };
    },
  });
  const create = inventory.post(catalogue.path, {
    access: ACCESS.dispatch, operationId: catalogue.create.operationId,
    summary: catalogue.create.summary,
    body: catalogue.body,
    responses: { 201: { description: 'Created', schema: catalogue.schema } },
    async handler({ auth, body }) {
      const row = { id: crypto.randomUUID(), ...(body as z.infer<B>) };
      await withTenant(db, auth, (trx) => catalogue.create.add(trx, auth.orgId, row));
      return { status: 201, body: row };
    },
  });
  return [list, create];
}

export function inventoryRoutes(deps: ApiDeps) {
  const { db } = deps;

  const locations = catalogueRoutes(deps, {
    path: '/inventory/locations', body: LocationBody, schema: LocationSchema,
    list: { operationId: 'listStockLocations', summary: 'Vans and depots that hold stock', description: 'Locations', rows: listStockLocations },
    create: { operationId: 'createStockLocation', summary: 'Add a van or a depot', add: insertStockLocation },
  });

  const items = catalogueRoutes(deps, {
    path: '/inventory/items', body: ItemBody, schema: ItemSchema,
    list: { operationId: 'listInventoryItems', summary: 'Parts catalogue', description: 'Items', rows: listInventoryItems },
    create: { operationId: 'createInventoryItem', summary: 'Add a part to the catalogue', add: insertInventoryItem },
  });

  const stock = inventory.get('/inventory/stock', {
    operationId: 'listStockLevels', summary: 'Stock levels per part and location',
    query: StockQuery,
    responses: { 200: { description: 'Stock levels', schema: z.object({ data: z.array(StockSchema) }) } },
    async handler({ auth, query }) {
      const rows = await withTenant(db, auth, (trx) => listStockLevels(trx, auth.orgId, query));
      return { status: 200, body: { data: rows.map(stockView) } };
    },
  });

  const setStock = inventory.put('/inventory/stock', {
    access: ACCESS.dispatch, operationId: 'setStockLevel', summary: 'Set the counted stock of a part at a location (a stock take or a delivery)',
    body: SetStockBody,
    responses: { 204: { description: 'Stored' } },
    async handler({ auth, body }) {
      await withTenant(db, auth, (trx) => setStockLevel(trx, auth.orgId, body));
      return { status: 204 };
    },
  });

  return [...locations, ...items, stock, setStock];
}
