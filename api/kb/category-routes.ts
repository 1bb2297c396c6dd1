import { z } from 'zod';
import {
  deleteFiling, filingInUse, findFiling, insertCategory, insertSection, listCategories as categoriesOf, listSections as sectionsOf, patchFiling,
} from '../../db/kb-filing';
import { isUniqueViolation } from '../../db/failure-classes';
import { KbCategory, KbSection } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound, Problem } from '../problem';
import { routeGroup } from '../route-group';
import { Uuid } from '../schemas/common';
import { CategoryBody, CategorySchema, SectionBody, SectionSchema } from '../schemas/kb';
import { slugify } from '../slug';

const IdParams = z.object({ id: Uuid });

const categoryView = (row: KbCategory) => ({ id: row.id, name: row.name, slug: row.slug, description: row.description, position: row.position });
const sectionView = (row: KbSection) => ({ ...categoryView(row as unknown as KbCategory), categoryId: row.category_id });

/** A slug taken in the org is a 409, not a database error. */
function slugTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new Problem(409, 'slug-taken', 'That slug is taken', { errors: [{ pointer: '/slug', message: 'Another one has this slug.' }] });
  throw error;
}

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.manageMembers });

/** Categories and their sections: how the knowledge base (and the help centre) is organised. */
export function categoryRoutes({ db }: ApiDeps) {
  const listCategories = knowledgeBase.get('/kb/categories', {
    access: ACCESS.workTickets, operationId: 'listKbCategories', summary: 'Categories in their order',
    responses: { 200: { description: 'Categories', schema: z.object({ data: z.array(CategorySchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => categoriesOf(trx, auth.orgId));
      return { status: 200, body: { data: rows.map(categoryView) } };
    },
  });

  const createCategory = knowledgeBase.post('/kb/categories', {
    operationId: 'createKbCategory', summary: 'Create a category', body: CategoryBody,
    responses: { 201: { description: 'Created', schema: CategorySchema }, 409: { description: 'The slug is taken' } },
    async handler({ auth, body }) {
      const row = await withTenant(db, auth, (trx) => insertCategory(trx, auth.orgId, {
        name: body.name, slug: body.slug ?? (slugify(body.name) || 'category'), description: body.description, position: body.position,
      })).catch(slugTaken);
      return { status: 201, body: categoryView(row) };
    },
  });

  const updateCategory = knowledgeBase.patch('/kb/categories/{id}', {
    operationId: 'updateKbCategory', summary: 'Rename, describe or move a category', params: IdParams, body: CategoryBody.partial(),
    responses: { 200: { description: 'Saved', schema: CategorySchema }, 409: { description: 'The slug is taken' } },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, (trx) => patchFiling(KbCategory, trx, auth.orgId, params.id, body)).catch(slugTaken);
      if (!row) throw notFound('Category');
      return { status: 200, body: categoryView(row) };
    },
  });

  const deleteCategory = knowledgeBase.delete('/kb/categories/{id}', {
    operationId: 'deleteKbCategory', summary: 'Delete an empty category', params: IdParams,
    responses: { 204: { description: 'Deleted' }, 409: { description: 'It still has sections or articles' } },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        if (!(await findFiling(KbCategory, trx, auth.orgId, params.id))) throw notFound('Category');
        if (await filingInUse(KbCategory, trx, auth.orgId, params.id)) throw new Problem(409, 'category-in-use', 'The category still has sections or articles');
        await deleteFiling(KbCategory, trx, auth.orgId, params.id);
      });
      return { status: 204 };
    },
  });

  const listSections = knowledgeBase.get('/kb/sections', {
    access: ACCESS.workTickets, operationId: 'listKbSections', summary: 'Sections in their order', query: z.object({ categoryId: Uuid.optional() }),
    responses: { 200: { description: 'Sections', schema: z.object({ data: z.array(SectionSchema) }) } },
    async handler({ auth, query }) {
      const rows = await withTenant(db, auth, (trx) => sectionsOf(trx, auth.orgId, query.categoryId));
      return { status: 200, body: { data: rows.map(sectionView) } };
    },
  });

  const createSection = knowledgeBase.post('/kb/sections', {
    operationId: 'createKbSection', summary: 'Create a section in a category', body: SectionBody,
    responses: { 201: { description: 'Created', schema: SectionSchema }, 409: { description: 'The slug is taken' }, 422: { description: 'No such category' } },
    async handler({ auth, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        if (!(await findFiling(KbCategory, trx, auth.orgId, body.categoryId))) {
          throw new Problem(422, 'unknown-category', 'No such category', { errors: [{ pointer: '/categoryId', message: 'No such category.' }] });
        }
        return insertSection(trx, auth.orgId, body.categoryId, {
          name: body.name, slug: body.slug ?? (slugify(body.name) || 'section'), description: body.description, position: body.position,
        });
      }).catch(slugTaken);
      return { status: 201, body: sectionView(row) };
    },
  });

  const updateSection = knowledgeBase.patch('/kb/sections/{id}', {
    operationId: 'updateKbSection', summary: 'Rename, describe or move a section (within its category)', params: IdParams, body: CategoryBody.partial(),
    responses: { 200: { description: 'Saved', schema: SectionSchema }, 409: { description: 'The slug is taken' } },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, (trx) => patchFiling(KbSection, trx, auth.orgId, params.id, body)).catch(slugTaken);
      if (!row) throw notFound('Section');
      return { status: 200, body: sectionView(row) };
    },
  });

  const deleteSection = knowledgeBase.delete('/kb/sections/{id}', {
    operationId: 'deleteKbSection', summary: 'Delete an empty section', params: IdParams,
    responses: { 204: { description: 'Deleted' }, 409: { description: 'It still has articles' } },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        if (!(await findFiling(KbSection, trx, auth.orgId, params.id))) throw notFound('Section');
        if (await filingInUse(KbSection, trx, auth.orgId, params.id)) throw new Problem(409, 'section-in-use', 'The section still has articles');
        await deleteFiling(KbSection, trx, auth.orgId, params.id);
      });
      return { status: 204 };
    },
  });

  return [listCategories, createCategory, updateCategory, deleteCategory, listSections, createSection, updateSection, deleteSection];
}
