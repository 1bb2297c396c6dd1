import type { Knex } from 'knex';
import { findFiling } from '../../db/kb-filing';
import { KbCategory, KbSection } from '../../db/models';
import { Problem } from '../problem';

/**
 * Where an article is filed, checked: the category and section exist in the org, and a
 * section's category is the article's (given only a section, the article takes its category).
 */
export async function resolveFiling(
  trx: Knex.Transaction, orgId: string, filing: { categoryId: string | null; sectionId: string | null },
): Promise<{ categoryId: string | null; sectionId: string | null }> {
  let { categoryId } = filing;
  if (filing.sectionId) {
    const section = await findFiling(KbSection, trx, orgId, filing.sectionId);
    if (!section) throw unknown('/sectionId', 'No such section.');
    if (categoryId && categoryId !== section.category_id) throw unknown('/sectionId', 'The section belongs to another category.');
    categoryId = section.category_id;
  }
  if (categoryId && !(await findFiling(KbCategory, trx, orgId, categoryId))) throw unknown('/categoryId', 'No such category.');
  return { categoryId, sectionId: filing.sectionId };
}

function unknown(pointer: string, message: string): Problem {
  return new Problem(422, 'unknown-filing', 'The article cannot be filed there', { errors: [{ pointer, message }] });
}
