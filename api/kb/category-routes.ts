import { z } from 'zod';
import {
  deleteFiling, filingInUse, findFiling, insertCategory, insertSection, listCategories as categoriesOf, listSections as sectionsOf, patchFiling,
} from '../../db/kb-filing';
import { isUniqueViolation } from '../../db/failure-classes';
import { KbCategory, KbSection } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { found, notFound, Problem } from '../problem';
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

/**
 * Changing and deleting are the same for a category and a section: only the model, the names
 * and what keeps one in use (its sections, its articles) differ.
 */
function editingRoutes<M extends typeof KbCategory | typeof KbSection>(db: ApiDeps['db'], filing: {
  model: M; path: string; name: string; view: (row: InstanceType<M>) => object; schema: z.ZodType;
  update: { operationId: string; summary: string };
  remove: { operationId: string; summary: string; inUse: string; inUseSlug: string; inUseTitle: string };
}) {
  const { model, name } = filing;
  const update = knowledgeBase.patch(filing.path, {
    ...filing.update, params: IdParams, body: CategoryBody.partial(),
    responses: { 200: { description: 'Saved', schema: filing.schema }, 409: { description: 'The slug is taken' } },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, (trx) => patchFiling(model, trx, auth.orgId, params.id, body)).catch(slugTaken);
      return { status: 200, body: filing.view(found(row, name)) };
    },
  });
  const remove = knowledgeBase.delete(filing.path, {
    operationId: filing.remove.operationId, summary: filing.remove.summary, params: IdParams,
    responses: { 204: { description: 'Deleted' }, 409: { description: filing.remove.inUse } },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        if (!(await findFiling(model, trx, auth.orgId, params.id))) throw notFound(name);
        if (await filingInUse(model, trx, auth.orgId, params.id)) throw new Problem(409, filing.remove.inUseSlug, filing.remove.inUseTitle);
        await deleteFiling(model, trx, auth.orgId, params.id);
      });
      return { status: 204 };
    },
  });
  return [update, remove] as const;
}

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

  const [updateCategory, deleteCategory] = editingRoutes(db, {
    model: KbCategory, path: '/kb/categories/{id}', name: 'Category', view: categoryView, schema: CategorySchema,
    update: { operationId: 'updateKbCategory', summary: 'Rename, describe or move a category' },
    remove: { operationId: 'deleteKbCategory', summary: 'Delete an empty category', inUse: 'It still has sections or articles', inUseSlug: 'category-in-use', inUseTitle: 'The category still has sections or articles' },
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

  const [updateSection, deleteSection] = editingRoutes(db, {
    model: KbSection, path: '/kb/sections/{id}', name: 'Section', view: sectionView, schema: SectionSchema,
    update: { operationId: 'updateKbSection', summary: 'Rename, describe or move a section (within its category)' },
    remove: { operationId: 'deleteKbSection', summary: 'Delete an empty section', inUse: 'It still has articles', inUseSlug: 'section-in-use', inUseTitle: 'The section still has articles' },
  });

  return [listCategories, createCategory, updateCategory, deleteCategory, listSections, createSection, updateSection, deleteSection];
}
