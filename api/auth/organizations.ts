import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { slugify } from '../slug';
import { Problem } from '../problem';
import type { SessionOrganization, SessionUser } from './sessions';
import type { SignupRequest } from './signup-requests';
import { recordAudit } from '../../db/audit';
import { openTicketCounter } from '../../db/numbers';
import { addMembership } from '../../db/member-directory';
import { insertOrganizationWithSlug } from '../../db/organization-store';
import { insertUserIfNew } from '../../db/user-store';

/**
 * A new organization with its owner, inside the new tenant's transaction (`withTenant` with
 * both ids). Used by the sign-up confirmation and by the demo seed.
 */
export async function createOwnerAccount(
  trx: Knex.Transaction,
  ids: { orgId: string; userId: string },
  request: SignupRequest,
): Promise<{ user: SessionUser; organization: SessionOrganization }> {
  const { orgId, userId } = ids;
  const slug = await claimSlug(trx, orgId, request.organization);
  const inserted = await insertUserIfNew(trx, { id: userId, email: request.email, name: request.name, passwordHash: request.passwordHash });
  // Only the owner of the mailbox gets here, so saying the address is taken reveals nothing new.
  if (!inserted) throw new Problem(409, 'email-taken', 'An account with this email exists', { detail: 'Log in instead.' });
  await addMembership(trx, orgId, userId, 'owner');
  await openTicketCounter(trx, orgId);
  await recordAudit(trx, { orgId, actorId: userId, action: 'organization.created', entityType: 'organization', entityId: orgId });
  return {
    user: { id: userId, email: request.email, name: request.name, role: 'owner' },
    organization: { id: orgId, name: request.organization, slug },
  };
}

/** Organisations get a unique slug from their name, with a short suffix when it is taken. */
async function claimSlug(trx: Knex.Transaction, orgId: string, name: string): Promise<string> {
  const base = slugify(name) || 'org';
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 4 + attempt)}`;
    if (await insertOrganizationWithSlug(trx, { id: orgId, name, slug })) return slug;
  }
}
