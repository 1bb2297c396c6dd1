import { randomUUID } from 'node:crypto';
import { withTenant } from '../../db/tenant';
import type { Auth, Role } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { Problem, forbidden, notFound } from '../problem';
import type { InviteBody, InvitationView } from '../schemas/invitations';
import { INVITATION_TTL_MS, hashInvitationToken, newInvitationToken } from './tokens';
import { recordAudit } from '../../db/audit';
import { insertInvitation, revokeOpenInvitation, revokeOpenInvitationsFor, type InvitationRow } from '../../db/invitation-store';
import { hasMemberWithEmail, userName } from '../../db/member-directory';
import { findOrganization } from '../../db/organization-store';

export function invitationView(row: InvitationRow, now = Date.now()): InvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.expires_at.getTime() > now ? 'pending' : 'expired',
    invitedBy: row.invited_by,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Invites an address to the caller's org and mails the link. What the caller learns is the
 * same whether or not the address has a login elsewhere: only this org's own members are
 * looked up (an admin can list those anyway). Inviting an address again replaces its open
 * invitation. The mail goes out inside the transaction: no invitation exists that was not sent.
 */
export async function createInvitation(deps: ApiDeps, auth: Auth, body: InviteBody): Promise<InvitationView> {
  if (body.role === 'owner' && auth.role !== 'owner') throw forbidden('Only an owner may add another owner.');
  if (body.password !== undefined) {
    throw new Problem(422, 'password-not-accepted', 'Invitees choose their own password', {
      detail: 'The person sets a password when they accept the invitation mailed to them.',
      errors: [{ pointer: '/password', message: 'Leave it out: the invitee sets it.' }],
    });
  }
  const token = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  return withTenant(deps.db, auth, async (trx) => {
    if (await hasMemberWithEmail(trx, auth.orgId, body.email)) throw new Problem(409, 'already-member', 'This person is already a member');
    await revokeOpenInvitationsFor(trx, auth.orgId, body.email);
    const row = await insertInvitation(trx, {
      org_id: auth.orgId, id: randomUUID(), email: body.email, name: body.name, role: body.role,
      token_hash: hashInvitationToken(token), invited_by: auth.userId, expires_at: expiresAt,
    });
    // Two admins inviting the same address at once: one open invitation wins.
    if (!row) throw new Problem(409, 'invitation-conflict', 'This address is being invited right now', { detail: 'Try again.' });
    await recordAudit(trx, {
      orgId: auth.orgId, actorId: auth.userId, action: 'invitation.created', entityType: 'invitation', entityId: row.id,
      data: { email: body.email, role: body.role },
    });
    const org = await findOrganization(trx, auth.orgId);
    if (!org) throw new Error('the caller\'s organization is not visible');
    const inviter = await userName(trx, auth.userId);
    const link = `${deps.invitations.publicUrl.replace(/\/$/, '')}/invitations/${token}`;
    try {
      await deps.invitations.mailer({ to: body.email, organization: org.name, role: body.role, inviter: inviter ?? 'An administrator', link, token, expiresAt });
    } catch (error) {
      deps.logger.error({ err: error }, 'invitation mail not sent');
      throw new Problem(502, 'invitation-not-sent', 'The invitation could not be mailed', { detail: 'The mail server refused or could not be reached; nothing was stored. Try again.' });
    }
    return invitationView(row);
  });
}

export async function revokeInvitation(deps: ApiDeps, auth: Auth, id: string): Promise<void> {
  await withTenant(deps.db, auth, async (trx) => {
    if (!(await revokeOpenInvitation(trx, auth.orgId, id))) throw notFound('Open invitation');
    await auditCaller(trx, auth, { action: 'invitation.revoked', entityType: 'invitation', entityId: id });
  });
}
