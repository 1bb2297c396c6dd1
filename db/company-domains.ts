import type { Knex } from 'knex';
import { emailDomain } from '../domain/customers/email-domain';

/**
 * The company a new contact joins by their address's domain, as an expression for the contact
 * INSERT's `company_id` value: the lookup rides in the insert statement (one primary-key probe
 * of `company_domains`), so creating a contact costs no extra round trip, and the upsert's
 * conflict branch never touches `company_id`: an existing contact keeps the company staff gave
 * them, or none.
 */
export function companyByDomain(trx: Knex.Transaction, orgId: string, email: string): Knex.Raw | null {
  const domain = emailDomain(email);
  if (domain === null) return null;
  return trx.raw('(SELECT company_id FROM company_domains WHERE org_id = ? AND domain = ?)', [orgId, domain]);
}

/**
 * What a contact upsert returns to tell whether it created the row: `xmax` is 0 only on a row
 * version this statement inserted (an ON CONFLICT update sets it), so no second read is needed.
 */
export const INSERTED = 'xmax = 0 AS inserted';

/** The audit line of a contact that joined a company by its domain when it was created (by the system). */
export function joinedByDomain(orgId: string, contact: { id: string; email: string; company_id: string }) {
  return {
    orgId, actorId: null, action: 'contact.joined_company', entityType: 'contact', entityId: contact.id,
    data: { companyId: contact.company_id, email: contact.email, by: 'domain' },
  };
}
