import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import {
  companyReferences, deleteCompany, domainsTaken, findCompany, insertCompany, listCompanies, replaceCompanyDomains, updateCompany,
  type CompanyReferences, type CompanyRow,
} from '../../db/company-directory';
import { isUniqueViolation } from '../../db/failure-classes';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import type { ApiDeps } from '../deps';
import { keysetPage } from '../keyset-page';
import { Problem, found } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema, Uuid, decodeCursor, page } from '../schemas/common';
import { CompanySchema, CreateCompanyBody, IdParams, ListCompaniesQuery, UpdateCompanyBody, type CompanyView } from '../schemas/customers';

const viewOf = (row: CompanyRow): CompanyView => ({
  id: row.id, name: row.name, domains: row.domains, notes: row.notes, contactCount: row.contact_count,
  createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
});

const domainTaken = (domains: readonly string[], taken: readonly string[]) => new Problem(409, 'company-domain-taken', 'Another company has that domain', {
  errors: domains.flatMap((domain, index) => (taken.includes(domain) ? [{ pointer: `/domains/${index}`, message: `${domain} is another company's domain.` }] : [])),
});

/** Each domain belongs to one company of the org: checked first for a pointed answer, and by the key for a concurrent write. */
async function claimDomains(trx: Knex.Transaction, orgId: string, id: string, domains: readonly string[], write: () => Promise<void>): Promise<void> {
  const taken = await domainsTaken(trx, orgId, domains, id);
  if (taken.length > 0) throw domainTaken(domains, taken);
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent write took one meanwhile; the transaction is aborted, so say which no more precisely.
    throw new Problem(409, 'company-domain-taken', 'Another company has that domain', { errors: [{ pointer: '/domains', message: 'Another company took one of these domains just now.' }] });
  }
}

/** Why the company cannot go yet, in words staff can act on; undefined when nothing names it. */
function inUseDetail(name: string, refs: CompanyReferences): string | undefined {
  const reasons: string[] = [];
  const more = (shown: number, total: number) => (total > shown ? ', …' : '');
  if (refs.contacts.count > 0) reasons.push(`${refs.contacts.count} contact${refs.contacts.count === 1 ? '' : 's'} (${refs.contacts.emails.join(', ')}${more(refs.contacts.emails.length, refs.contacts.count)})`);
  if (refs.openTickets.length > 0) reasons.push(`open tickets whose company field names it (${refs.openTickets.map((number) => `#${number}`).join(', ')})`);
  if (refs.assets.length > 0) reasons.push(`assets (${refs.assets.join(', ')})`);
  if (refs.slaPolicies.length > 0) reasons.push(`SLA policies (${refs.slaPolicies.join(', ')})`);
  if (reasons.length === 0) return undefined;
  return `Company “${name}” is still named by ${reasons.join('; ')}. Move or change them first.`;
}

const Cursor = z.object({ n: z.string(), i: Uuid });
const notFound = { 404: { description: 'No such company in this organization', schema: ProblemSchema } };
const taken = { 409: { description: 'A domain is already another company\'s (`errors` points at it)', schema: ProblemSchema } };

const companies = routeGroup({ tag: 'customers', access: ACCESS.readTickets });

/** Companies: the organizations contacts work for, their email domains and notes. Staff who work tickets write them. */
export function companyRoutes({ db }: ApiDeps) {
  const list = companies.get('/companies', {
    operationId: 'listCompanies', summary: "The organization's companies by name; `q` searches names and domains",
    query: ListCompaniesQuery,
    responses: { 200: { description: 'A page of companies', schema: page(CompanySchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await withTenant(db, auth, (trx) => listCompanies(trx, auth.orgId, { search: query.q, after: after && { name: after.n, id: after.i }, limit: query.limit }));
      return { status: 200, body: keysetPage(rows, query.limit, viewOf, (last) => ({ n: last.name, i: last.id })) };
    },
  });

  const create = companies.post('/companies', {
    access: ACCESS.workTickets, operationId: 'createCompany', summary: 'Create a company with its email domains (unique in the organization) and notes',
    body: CreateCompanyBody,
    responses: { 201: { description: 'Created', schema: CompanySchema }, ...taken },
    async handler({ auth, body }) {
      const id = randomUUID();
      const row = await withTenant(db, auth, async (trx) => {
        await claimDomains(trx, auth.orgId, id, body.domains, () => insertCompany(trx, auth.orgId, { id, ...body }));
        await auditCaller(trx, auth, { action: 'company.created', entityType: 'company', entityId: id, data: { name: body.name, domains: body.domains } });
        return found(await findCompany(trx, auth.orgId, id), 'Company');
      });
      return created(`/api/v1/companies/${id}`, viewOf(row));
    },
  });

  const show = companies.get('/companies/{id}', {
    operationId: 'getCompany', summary: 'One company',
    params: IdParams,
    responses: { 200: { description: 'The company', schema: CompanySchema }, ...notFound },
    async handler({ auth, params }) {
      return { status: 200, body: viewOf(found(await withTenant(db, auth, (trx) => findCompany(trx, auth.orgId, params.id)), 'Company')) };
    },
  });

  const update = companies.patch('/companies/{id}', {
    access: ACCESS.workTickets, operationId: 'updateCompany', summary: "Rename a company, change its notes, or make its domains exactly these",
    params: IdParams, body: UpdateCompanyBody,
    responses: { 200: { description: 'The company', schema: CompanySchema }, ...notFound, ...taken },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        const company = found(await findCompany(trx, auth.orgId, params.id, true), 'Company');
        const next = { name: body.name ?? company.name, notes: body.notes ?? company.notes, domains: body.domains ?? company.domains };
        // What changed, as `{ field: { from, to } }`: nothing changed writes nothing.
        const changes = Object.fromEntries((['name', 'notes', 'domains'] as const)
          .filter((field) => JSON.stringify(next[field]) !== JSON.stringify(company[field]))
          .map((field) => [field, { from: company[field], to: next[field] }]));
        if (Object.keys(changes).length === 0) return company;
        if (changes.name || changes.notes) await updateCompany(trx, auth.orgId, params.id, { name: next.name, notes: next.notes });
        if (changes.domains) await claimDomains(trx, auth.orgId, params.id, next.domains, () => replaceCompanyDomains(trx, auth.orgId, params.id, next.domains));
        await auditCaller(trx, auth, { action: 'company.updated', entityType: 'company', entityId: params.id, data: changes });
        return found(await findCompany(trx, auth.orgId, params.id), 'Company');
      });
      return { status: 200, body: viewOf(row) };
    },
  });

  const remove = companies.delete('/companies/{id}', {
    access: ACCESS.workTickets, operationId: 'deleteCompany',
    summary: 'Delete a company nothing names: no contact of it, no open ticket whose company field names it, no asset at it, no SLA policy naming it',
    params: IdParams,
    responses: {
      204: { description: 'Deleted, with its domains' }, ...notFound,
      409: { description: 'Still named: `detail` says by what, `references` lists them', schema: ProblemSchema },
    },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        const company = found(await findCompany(trx, auth.orgId, params.id, true), 'Company');
        const references = await companyReferences(trx, auth.orgId, params.id);
        const detail = inUseDetail(company.name, references);
        if (detail !== undefined) throw new Problem(409, 'company-in-use', 'The company is in use', { detail, references });
        await deleteCompany(trx, auth.orgId, params.id);
        await auditCaller(trx, auth, { action: 'company.deleted', entityType: 'company', entityId: params.id, data: { name: company.name, domains: company.domains, notes: company.notes } });
      });
      return { status: 204 };
    },
  });

  return [list, create, show, update, remove];
}
