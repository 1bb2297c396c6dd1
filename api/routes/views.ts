import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deleteSavedView, insertSavedView, listSavedViews } from '../../db/saved-views';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { CreateViewBody, ViewParams, ViewSchema } from '../schemas/users';

const views = routeGroup({ tag: 'views', access: ACCESS.readTickets });

/** Saved queue filters, private to the member who saved them. */
export function viewRoutes({ db }: ApiDeps) {
  const list = views.get('/views', {
    operationId: 'listViews', summary: "The caller's saved ticket views",
    responses: { 200: { description: 'Views', schema: z.object({ data: z.array(ViewSchema) }) } },
    async handler({ auth }) {
      const data = await withTenant(db, auth, (trx) => listSavedViews(trx, auth.orgId, auth.userId));
      return { status: 200, body: { data } };
    },
  });

  const create = views.post('/views', {
    operationId: 'createView', summary: 'Save the current queue filters as a view',
    body: CreateViewBody,
    responses: { 201: { description: 'Saved', schema: ViewSchema } },
    async handler({ auth, body }) {
      const view = { id: randomUUID(), name: body.name, filters: body.filters };
      await withTenant(db, auth, (trx) => insertSavedView(trx, auth.orgId, auth.userId, view));
      return { status: 201, body: view };
    },
  });

  const remove = views.delete('/views/{id}', {
    operationId: 'deleteView', summary: 'Delete a saved view',
    params: ViewParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      if (!(await withTenant(db, auth, (trx) => deleteSavedView(trx, auth.orgId, auth.userId, params.id)))) throw notFound('View');
      return { status: 204 };
    },
  });

  return [list, create, remove];
}
