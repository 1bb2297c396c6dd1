import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { route } from '../route';
import { CreateViewBody, ViewParams, ViewSchema } from '../schemas/users';
import { SavedView } from '../../db/models';

/** Saved queue filters, private to the member who saved them. */
export function viewRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/views', tag: 'views', access: ACCESS.readTickets,
    operationId: 'listViews',
    summary: "The caller's saved ticket views",
    responses: { 200: { description: 'Views', schema: z.object({ data: z.array(ViewSchema) }) } },
    async handler({ auth }) {
      const data = await withTenant(db, auth, (trx) =>
        SavedView.query(trx).where({ org_id: auth.orgId, user_id: auth.userId }).orderBy('name').select('id', 'name', 'filters'),
      );
      return { status: 200, body: { data } };
    },
  });

  const create = route({
    method: 'post', path: '/views', tag: 'views', access: ACCESS.readTickets,
    operationId: 'createView',
    summary: 'Save the current queue filters as a view',
    body: CreateViewBody,
    responses: { 201: { description: 'Saved', schema: ViewSchema } },
    async handler({ auth, body }) {
      const view = { id: randomUUID(), name: body.name, filters: body.filters };
      await withTenant(db, auth, (trx) =>
        SavedView.query(trx).insert({ org_id: auth.orgId, user_id: auth.userId, id: view.id, name: view.name, filters: view.filters }),
      );
      return { status: 201, body: view };
    },
  });

  const remove = route({
    method: 'delete', path: '/views/{id}', tag: 'views', access: ACCESS.readTickets,
    operationId: 'deleteView',
    summary: 'Delete a saved view',
    params: ViewParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      const deleted = await withTenant(db, auth, (trx) => SavedView.query(trx).where({ org_id: auth.orgId, user_id: auth.userId, id: params.id }).delete());
      if (deleted === 0) throw notFound('View');
      return { status: 204 };
    },
  });

  return [list, create, remove];
}
