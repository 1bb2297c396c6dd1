import type { Knex } from 'knex';

/**
 * Contacts as staff manage them: the people tickets are about, with their company (set by
 * hand, or by their address's domain when they were created) and whether they are its
 * designated contact (who sees all of the company's tickets in the portal).
 */
export interface ContactRow {
  id: string;
  email: string;
  name: string | null;
  phone: string | null;
  company_id: string | null;
  company_name: string | null;
  designated: boolean;
  created_at: Date;
  updated_at: Date;
}
export type ContactColumns = Pick<ContactRow, 'email' | 'name' | 'phone' | 'company_id' | 'designated'>;

const contains = (term: string) => `%${term.replace(/[%_\\]/g, (char) => `\\${char}`)}%`;

function contacts(trx: Knex.Transaction, orgId: string) {
  return trx('contacts as c')
    .leftJoin('companies as co', function () { this.on('co.org_id', 'c.org_id').andOn('co.id', 'c.company_id'); })
    .where('c.org_id', orgId)
    .select('c.id', trx.raw('c.email::text AS email'), 'c.name', 'c.phone', 'c.company_id', 'co.name as company_name', 'c.designated', 'c.created_at', 'c.updated_at');
}

/** A page of contacts by email after the given one; `search` matches a name or an address, `companyId` keeps that company's. One row more than asked shows there are more. */
export async function listContacts(
  trx: Knex.Transaction, orgId: string, filter: { search?: string | undefined; companyId?: string | undefined; afterEmail: string | null; limit: number },
): Promise<ContactRow[]> {
  const builder = contacts(trx, orgId);
  if (filter.search) {
    const like = contains(filter.search);
    builder.andWhere((where) => where.whereILike('c.name', like).orWhereILike('c.email', like));
  }
  if (filter.companyId) builder.andWhere('c.company_id', filter.companyId);
  // Compared as citext, the column's own order, so the index serves the page.
  if (filter.afterEmail !== null) builder.andWhereRaw('c.email > ?::citext', [filter.afterEmail]);
  return builder.orderBy('c.email').limit(filter.limit + 1);
}

/** One contact; `lock` holds its row for the change the caller is about to make. */
export async function findContact(trx: Knex.Transaction, orgId: string, id: string, lock = false): Promise<ContactRow | undefined> {
  const builder = contacts(trx, orgId).andWhere('c.id', id).first();
  if (lock) builder.forUpdate('c');
  return builder as Promise<ContactRow | undefined>;
}

export async function updateContact(trx: Knex.Transaction, orgId: string, id: string, columns: Partial<ContactColumns>): Promise<void> {
  await trx('contacts').where({ org_id: orgId, id }).update({ ...columns, updated_at: trx.fn.now() });
}
