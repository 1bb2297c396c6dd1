import type { Knex } from 'knex';

/**
 * Companies: the organizations contacts work for, each with its email domains (unique in the
 * org) and notes. Domains are listed in the order they were given; the first is the one a
 * rule's `company.domain` fact reads when the requester's own domain is not among them.
 */
export interface CompanyRow {
  id: string;
  name: string;
  notes: string;
  domains: string[];
  contact_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Escapes LIKE's wildcards so a search term matches as typed. */
const contains = (term: string) => `%${term.replace(/[%_\\]/g, (char) => `\\${char}`)}%`;

function companies(trx: Knex.Transaction, orgId: string) {
  return trx('companies as co')
    .where('co.org_id', orgId)
    .select(
      'co.id', 'co.name', 'co.notes', 'co.created_at', 'co.updated_at',
      trx.raw(`coalesce((SELECT array_agg(d.domain::text ORDER BY d.position, d.domain) FROM company_domains d WHERE d.org_id = co.org_id AND d.company_id = co.id), '{}') AS domains`),
      trx.raw(`(SELECT count(*)::int FROM contacts c WHERE c.org_id = co.org_id AND c.company_id = co.id) AS contact_count`),
    );
}

/** A page of companies by name (then id) after the given key; `search` matches a name or a domain. One row more than asked shows there are more. */
export async function listCompanies(
  trx: Knex.Transaction, orgId: string, filter: { search?: string | undefined; after: { name: string; id: string } | null; limit: number },
): Promise<CompanyRow[]> {
  const builder = companies(trx, orgId);
  if (filter.search) {
    const like = contains(filter.search);
    builder.andWhere((where) => where.whereILike('co.name', like)
      .orWhereExists(trx('company_domains as d').whereRaw('d.org_id = co.org_id AND d.company_id = co.id').whereILike('d.domain', like).select(trx.raw('1'))));
  }
  if (filter.after) builder.andWhereRaw('(co.name, co.id) > (?, ?::uuid)', [filter.after.name, filter.after.id]);
  return builder.orderBy([{ column: 'co.name' }, { column: 'co.id' }]).limit(filter.limit + 1);
}

/** One company; `lock` holds its row for the change the caller is about to make. */
export async function findCompany(trx: Knex.Transaction, orgId: string, id: string, lock = false): Promise<CompanyRow | undefined> {
  const builder = companies(trx, orgId).andWhere('co.id', id).first();
  if (lock) builder.forUpdate();
  return builder as Promise<CompanyRow | undefined>;
}

/** Of these domains, those another company of the org holds already (`except`: the company being changed). */
export async function domainsTaken(trx: Knex.Transaction, orgId: string, domains: readonly string[], except: string | null): Promise<string[]> {
  if (domains.length === 0) return [];
  const query = trx('company_domains').where({ org_id: orgId }).whereIn('domain', domains);
  if (except) query.whereNot('company_id', except);
  return query.pluck('domain');
}

export async function insertCompany(trx: Knex.Transaction, orgId: string, company: { id: string; name: string; notes: string; domains: readonly string[] }): Promise<void> {
  await trx('companies').insert({ org_id: orgId, id: company.id, name: company.name, notes: company.notes });
  await replaceCompanyDomains(trx, orgId, company.id, company.domains);
}

export async function updateCompany(trx: Knex.Transaction, orgId: string, id: string, columns: { name: string; notes: string }): Promise<void> {
  await trx('companies').where({ org_id: orgId, id }).update({ ...columns, updated_at: trx.fn.now() });
}

/** Makes the company's domains exactly these, in this order (none held by another company: the caller checked, the key enforces). */
export async function replaceCompanyDomains(trx: Knex.Transaction, orgId: string, id: string, domains: readonly string[]): Promise<void> {
  await trx('company_domains').where({ org_id: orgId, company_id: id }).delete();
  if (domains.length > 0) {
    await trx('company_domains').insert(domains.map((domain, position) => ({ org_id: orgId, domain, company_id: id, position })));
  }
}

/** What still names a company: the caller refuses to delete it while any of these is non-empty. */
export interface CompanyReferences {
  /** Contacts of the company (their tickets reach it through them). */
  contacts: { count: number; emails: string[] };
  /** Tickets not yet closed whose company-type custom field names it. */
  openTickets: number[];
  /** Assets at the company's sites. */
  assets: string[];
  /** SLA policies whose conditions name it. */
  slaPolicies: string[];
}

export async function companyReferences(trx: Knex.Transaction, orgId: string, id: string): Promise<CompanyReferences> {
  const [contactCount, emails, fieldKeys, assets, slaPolicies] = await Promise.all([
    trx('contacts').where({ org_id: orgId, company_id: id }).count<{ count: string }[]>({ count: '*' }),
    trx('contacts').where({ org_id: orgId, company_id: id }).orderBy('email').limit(5).pluck('email'),
    trx('field_definitions').where({ org_id: orgId, type: 'company' }).pluck('key'),
    trx('assets').where({ org_id: orgId, company_id: id }).orderBy('name').limit(5).pluck('name'),
    trx('sla_policies').where({ org_id: orgId }).whereRaw(`conditions -> 'companyIds' \\? ?`, [id]).orderBy('position').pluck('name'),
  ]);
  const openTickets = (fieldKeys as string[]).length === 0 ? [] : await trx('tickets').where({ org_id: orgId }).whereNot('status', 'closed')
    .andWhere((where) => { for (const key of fieldKeys as string[]) where.orWhereRaw('fields ->> ? = ?', [key, id]); })
    .orderBy('number').limit(5).pluck('number');
  return { contacts: { count: Number(contactCount[0]?.count ?? 0), emails }, openTickets, assets, slaPolicies };
}

/** Deletes the company and its domains (the caller found nothing that names it). */
export async function deleteCompany(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await trx('companies').where({ org_id: orgId, id }).delete();
}
