import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { fn } from 'objection';
import { PortalMagicLink, PortalSession } from './models';
import { tenantJoin } from './tenant-join';

/**
 * The portal's sign-in records: magic links (single use, expiring) and the sessions they
 * open. Only token hashes are stored; the caller hashes what it was given.
 */

/** Serialises one address's link requests for the rest of this transaction, so the count that follows is exact. */
export async function lockMagicLinkRequests(trx: Knex.Transaction, orgId: string, email: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`portal-link:${orgId}:${email}`]);
}

/** How many links were asked for in the last `minutes`, for this address and from this IP. */
export async function recentMagicLinks(
  trx: Knex.Transaction, orgId: string, request: { email: string; ip: string | null }, minutes: number,
): Promise<{ forEmail: number; fromIp: number }> {
  const since = trx.raw('now() - make_interval(mins => ?)', [minutes]);
  const count = async (where: Record<string, string>) =>
    PortalMagicLink.query(trx).where({ org_id: orgId, ...where }).where('created_at', '>', since).resultSize();
  return {
    forEmail: await count({ email: request.email }),
    fromIp: request.ip === null ? 0 : await count({ requested_ip: request.ip }),
  };
}

export async function insertMagicLink(
  trx: Knex.Transaction, row: { orgId: string; email: string; tokenHash: string; ip: string | null; expiresAt: Date },
): Promise<void> {
  await PortalMagicLink.query(trx).insert({
    org_id: row.orgId, id: randomUUID(), email: row.email, token_hash: row.tokenHash, requested_ip: row.ip, expires_at: row.expiresAt,
  });
}

/**
 * Uses a link: marks it used and answers its address, in one statement, so two concurrent
 * uses cannot both succeed. Null for an unknown, used or expired link.
 */
export async function useMagicLink(trx: Knex.Transaction, orgId: string, tokenHash: string): Promise<string | null> {
  const [row] = await PortalMagicLink.query(trx)
    .where({ org_id: orgId, token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', trx.fn.now())
    .patch({ used_at: fn.now() }).returning('email');
  return (row as { email: string } | undefined)?.email ?? null;
}

export async function insertPortalSession(
  trx: Knex.Transaction, row: { orgId: string; contactId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await PortalSession.query(trx).insert({
    org_id: row.orgId, id: randomUUID(), contact_id: row.contactId, token_hash: row.tokenHash, expires_at: row.expiresAt,
  });
}

/** Who a portal session is: the contact, their company and whether they are its designated contact (read afresh with every request). */
export interface PortalContact { id: string; email: string; name: string | null; companyId: string | null; designated: boolean }

/** The contact a live session token belongs to, with their address, name and company. */
export async function portalSessionContact(trx: Knex.Transaction, orgId: string, tokenHash: string): Promise<PortalContact | null> {
  const row = await trx('portal_sessions as s')
    .join('contacts as c', tenantJoin(['c.id', 's.contact_id']))
    .where({ 's.org_id': orgId, 's.token_hash': tokenHash }).whereNull('s.revoked_at').where('s.expires_at', '>', trx.fn.now())
    .first<PortalContact | undefined>('c.id', 'c.email', 'c.name', 'c.company_id as companyId', 'c.designated');
  return row ?? null;
}

export async function revokePortalSession(trx: Knex.Transaction, orgId: string, tokenHash: string): Promise<void> {
  await PortalSession.query(trx).where({ org_id: orgId, token_hash: tokenHash }).whereNull('revoked_at').patch({ revoked_at: fn.now() });
}
