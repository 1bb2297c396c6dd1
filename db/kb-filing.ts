import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { KbArticle, KbCategory, KbSection } from './models';

/**
 * Where knowledge-base articles are filed: an org's categories and their sections, in their
 * order. Reads answer rows or `undefined`; deciding what a missing row means is the caller's.
 */
export type FilingFields = { name: string; slug: string; description: string; position: number };
export type FilingPatch = Partial<FilingFields>;
type Filing = typeof KbCategory | typeof KbSection;

export async function listCategories(trx: Knex.Transaction, orgId: string): Promise<KbCategory[]> {
  return await KbCategory.query(trx).where('org_id', orgId).orderBy(['position', 'name']);
}

export async function listSections(trx: Knex.Transaction, orgId: string, categoryId?: string): Promise<KbSection[]> {
  const builder = KbSection.query(trx).where('org_id', orgId).orderBy(['position', 'name']);
  if (categoryId) builder.where('category_id', categoryId);
  return await builder;
}

export async function insertCategory(trx: Knex.Transaction, orgId: string, fields: FilingFields): Promise<KbCategory> {
  return await KbCategory.query(trx).insertAndFetch({ org_id: orgId, id: randomUUID(), ...fields });
}

export async function insertSection(trx: Knex.Transaction, orgId: string, categoryId: string, fields: FilingFields): Promise<KbSection> {
  return await KbSection.query(trx).insertAndFetch({ org_id: orgId, id: randomUUID(), category_id: categoryId, ...fields });
}

export async function findFiling<M extends Filing>(model: M, trx: Knex.Transaction, orgId: string, id: string): Promise<InstanceType<M> | undefined> {
  return (await model.query(trx).where({ org_id: orgId, id }).first()) as InstanceType<M> | undefined;
}

/** The patched row, or undefined when the org has no such category or section. */
export async function patchFiling<M extends Filing>(model: M, trx: Knex.Transaction, orgId: string, id: string, patch: FilingPatch): Promise<InstanceType<M> | undefined> {
  if (!(await findFiling(model, trx, orgId, id))) return undefined;
  return (await model.query(trx).patchAndFetchById([orgId, id], { ...patch, updated_at: new Date() })) as InstanceType<M>;
}

/** Whether anything is still filed under the category (a section or an article) or the section (an article). */
export async function filingInUse(model: Filing, trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  if (model === KbCategory) {
    const section = await KbSection.query(trx).where({ org_id: orgId, category_id: id }).first();
    if (section) return true;
    return Boolean(await KbArticle.query(trx).where({ org_id: orgId, category_id: id }).first());
  }
  return Boolean(await KbArticle.query(trx).where({ org_id: orgId, section_id: id }).first());
}

export async function deleteFiling(model: Filing, trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await model.query(trx).deleteById([orgId, id]);
}
