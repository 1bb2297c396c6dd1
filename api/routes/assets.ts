import type { Knex } from 'knex';
import { z } from 'zod';
import { findAsset, insertAsset, listAssets, patchAsset, type AssetColumns, type AssetRow } from '../../db/asset-registry';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { created } from '../created';
import { listWorkOrders } from '../field-service/work-orders';
import { found } from '../problem';
import { routeGroup } from '../route-group';
import { keysetPage } from '../keyset-page';
import { Uuid, decodeCursor, page } from '../schemas/common';
import { AssetBody, AssetSchema, IdParams, ListAssetsQuery, PatchAssetBody, PlanSchema, WorkOrderSchema, type AssetView } from '../schemas/field-service';
import { listPlans } from './maintenance-plans';

function view(row: AssetRow, today = new Date().toISOString().slice(0, 10)): AssetView {
  return {
    id: row.id,
    name: row.name,
    contact: row.contact_id ? { id: row.contact_id, email: row.contact_email ?? '', name: row.contact_name } : null,
    companyId: row.company_id,
    siteAddress: row.site_address,
    site: row.site_lat !== null && row.site_lng !== null ? { lat: row.site_lat, lng: row.site_lng } : null,
    model: row.model,
    serial: row.serial,
    installedOn: row.installed_on,
    warrantyEndsOn: row.warranty_ends_on,
    underWarranty: row.warranty_ends_on !== null && row.warranty_ends_on >= today,
    parentId: row.parent_id,
    createdAt: row.created_at.toISOString(),
  };
}

async function getAsset(trx: Knex.Transaction, orgId: string, id: string): Promise<AssetView | null> {
  const row = await findAsset(trx, orgId, id);
  return row ? view(row) : null;
}

const columns = (body: Partial<z.infer<typeof AssetBody>>): AssetColumns => ({
  ...(body.name !== undefined && { name: body.name }),
  ...(body.contactId !== undefined && { contact_id: body.contactId }),
  ...(body.companyId !== undefined && { company_id: body.companyId }),
  ...(body.siteAddress !== undefined && { site_address: body.siteAddress }),
  ...(body.site !== undefined && { site_lat: body.site?.lat ?? null, site_lng: body.site?.lng ?? null }),
  ...(body.model !== undefined && { model: body.model }),
  ...(body.serial !== undefined && { serial: body.serial }),
  ...(body.installedOn !== undefined && { installed_on: body.installedOn }),
  ...(body.warrantyEndsOn !== undefined && { warranty_ends_on: body.warrantyEndsOn }),
  ...(body.parentId !== undefined && { parent_id: body.parentId }),
});

const Cursor = z.object({ n: z.string(), i: Uuid });

const assets = routeGroup({ tag: 'assets', access: ACCESS.staff });

export function assetRoutes({ db }: ApiDeps) {
  const list = assets.get('/assets', {
    operationId: 'listAssets', summary: 'The asset registry, searchable by name, model or serial',
    query: ListAssetsQuery,
    responses: { 200: { description: 'A page of assets', schema: page(AssetSchema) } },
    async handler({ auth, query: q }) {
      const body = await withTenant(db, auth, async (trx) => {
        const after = decodeCursor(q.cursor, Cursor);
        const rows = await listAssets(trx, auth.orgId, { search: q.q, parentId: q.parentId, after: after && { name: after.n, id: after.i }, limit: q.limit });
        return keysetPage(rows, q.limit, (row) => view(row), (last) => ({ n: last.name, i: last.id }));
      });
      return { status: 200, body };
    },
  });

  const create = assets.post('/assets', {
    access: ACCESS.dispatch, operationId: 'createAsset', summary: 'Register an asset at a customer site',
    body: AssetBody,
    responses: { 201: { description: 'Created', schema: AssetSchema } },
    async handler({ auth, body }) {
      const asset = await withTenant(db, auth, async (trx) => {
        const id = crypto.randomUUID();
        await insertAsset(trx, auth.orgId, id, columns(body));
        return getAsset(trx, auth.orgId, id);
      });
      return created(`/api/v1/assets/${asset?.id}`, asset);
    },
  });

  const show = assets.get('/assets/{id}', {
    operationId: 'getAsset', summary: 'One asset',
    params: IdParams,
    responses: { 200: { description: 'The asset', schema: AssetSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: found(await withTenant(db, auth, (trx) => getAsset(trx, auth.orgId, params.id)), 'Asset') };
    },
  });

  const patch = assets.patch('/assets/{id}', {
    access: ACCESS.dispatch, operationId: 'updateAsset', summary: 'Change an asset',
    params: IdParams, body: PatchAssetBody,
    responses: { 200: { description: 'The asset', schema: AssetSchema } },
    async handler({ auth, params, body }) {
      const asset = await withTenant(db, auth, async (trx) =>
        (await patchAsset(trx, auth.orgId, params.id, columns(body))) ? getAsset(trx, auth.orgId, params.id) : null);
      return { status: 200, body: found(asset, 'Asset') };
    },
  });

  const history = assets.get('/assets/{id}/history', {
    operationId: 'getAssetHistory', summary: "An asset's maintenance history: its work orders (newest first) and its plans",
    params: IdParams,
    responses: { 200: { description: 'History', schema: z.object({ workOrders: z.array(WorkOrderSchema), plans: z.array(PlanSchema) }) } },
    async handler({ auth, params }) {
      const body = await withTenant(db, auth, async (trx) => {
        if (!(await getAsset(trx, auth.orgId, params.id))) return null;
        const workOrders = await listWorkOrders(trx, auth.orgId, { limit: 200, assetId: params.id }, null);
        return { workOrders: workOrders.data, plans: await listPlans(trx, auth.orgId, params.id) };
      });
      return { status: 200, body: found(body, 'Asset') };
    },
  });

  return [list, create, show, patch, history];
}
