import type { Knex } from 'knex';
import { z } from 'zod';
import { findContact, listContacts, updateContact, type ContactColumns, type ContactRow } from '../../db/contact-directory';
import { isUniqueViolation } from '../../db/failure-classes';
import { knownIds } from '../../db/known-ids';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import { auditCaller } from '../caller-audit';
import type { ApiDeps } from '../deps';
import { keysetPage } from '../keyset-page';
import { Problem, found } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema, decodeCursor, page } from '../schemas/common';
import { ContactSchema, IdParams, ListContactsQuery, UpdateContactBody, type ContactView } from '../schemas/customers';

const viewOf = (row: ContactRow): ContactView => ({
  id: row.id, email: row.email, name: row.name, phone: row.phone, companyId: row.company_id,
  company: row.company_id && row.company_name !== null ? { id: row.company_id, name: row.company_name } : null,
  designated: row.designated, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
});

async function checkCompany(trx: Knex.Transaction, orgId: string, companyId: string | null): Promise<void> {
  if (companyId === null || (await knownIds(trx, 'companies', orgId, [companyId])).has(companyId)) return;
  throw new Problem(422, 'unknown-company', 'No such company', { errors: [{ pointer: '/companyId', message: 'Not a company of this organization.' }] });
}

/** The contact as changed: a contact with no company is nobody's designated contact. */
function nextColumns(contact: ContactRow, body: z.infer<typeof UpdateContactBody>): ContactColumns {
  const companyId = body.companyId === undefined ? contact.company_id : body.companyId;
  if (body.designated === true && companyId === null) {
    throw new Problem(422, 'designated-needs-company', 'Only a contact of a company can be its designated contact', { errors: [{ pointer: '/designated', message: 'Give the contact a company first.' }] });
  }
  return {
    email: body.email ?? contact.email,
    name: body.name === undefined ? contact.name : body.name,
    phone: body.phone === undefined ? contact.phone : body.phone,
    company_id: companyId,
    designated: companyId === null ? false : body.designated ?? contact.designated,
  };
}

const FIELDS = [['email', 'email'], ['name', 'name'], ['phone', 'phone'], ['companyId', 'company_id'], ['designated', 'designated']] as const;
const Cursor = z.object({ e: z.string() });
const notFound = { 404: { description: 'No such contact in this organization', schema: ProblemSchema } };

const contacts = routeGroup({ tag: 'customers', access: ACCESS.readTickets });

/**
 * Contacts: the customers tickets are about. They are created by the tickets they write (joining
 * the company their address's domain is on); staff correct them here: name, address, phone,
 * company, and whether they are its designated contact.
 */
export function contactRoutes({ db }: ApiDeps) {
  const list = contacts.get('/contacts', {
    operationId: 'listContacts', summary: "The organization's contacts by address; `q` searches names and addresses, `companyId` keeps one company's",
    query: ListContactsQuery,
    responses: { 200: { description: 'A page of contacts', schema: page(ContactSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await withTenant(db, auth, (trx) => listContacts(trx, auth.orgId, { search: query.q, companyId: query.companyId, afterEmail: after?.e ?? null, limit: query.limit }));
      return { status: 200, body: keysetPage(rows, query.limit, viewOf, (last) => ({ e: last.email })) };
    },
  });

  const show = contacts.get('/contacts/{id}', {
    operationId: 'getContact', summary: 'One contact, with their company',
    params: IdParams,
    responses: { 200: { description: 'The contact', schema: ContactSchema }, ...notFound },
    async handler({ auth, params }) {
      return { status: 200, body: viewOf(found(await withTenant(db, auth, (trx) => findContact(trx, auth.orgId, params.id)), 'Contact')) };
    },
  });

  const update = contacts.patch('/contacts/{id}', {
    access: ACCESS.workTickets, operationId: 'updateContact',
    summary: "Change a contact's name, address (unique in the organization), phone, company (null: none) or designated flag",
    params: IdParams, body: UpdateContactBody,
    responses: {
      200: { description: 'The contact', schema: ContactSchema }, ...notFound,
      409: { description: 'Another contact has that address', schema: ProblemSchema },
      422: { description: 'A company that is not the organization\'s, or designated without a company', schema: ProblemSchema },
    },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        const contact = found(await findContact(trx, auth.orgId, params.id, true), 'Contact');
        const next = nextColumns(contact, body);
        if (body.companyId !== undefined) await checkCompany(trx, auth.orgId, next.company_id);
        // What changed, as `{ field: { from, to } }`: nothing changed writes nothing.
        const changes = Object.fromEntries(FIELDS.filter(([, column]) => next[column] !== contact[column]).map(([field, column]) => [field, { from: contact[column], to: next[column] }]));
        if (Object.keys(changes).length === 0) return contact;
        try {
          await updateContact(trx, auth.orgId, params.id, next);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          throw new Problem(409, 'contact-email-taken', 'Another contact has that address', { errors: [{ pointer: '/email', message: 'Another contact of this organization has this address.' }] });
        }
        await auditCaller(trx, auth, { action: 'contact.updated', entityType: 'contact', entityId: params.id, data: changes });
        return found(await findContact(trx, auth.orgId, params.id), 'Contact');
      });
      return { status: 200, body: viewOf(row) };
    },
  });

  return [list, show, update];
}
