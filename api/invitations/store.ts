import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant';
import type { Auth, Role } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, forbidden, notFound } from '../problem';
import type { InviteBody, InvitationView } from '../schemas/invitations';
import { INVITATION_TTL_MS, hashInvitationToken, newInvitationToken } from './tokens';
import { recordAudit } from '../../db/audit';

interface InvitationRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  invited_by: string;
  expires_at: Date;
  created_at: Date;
}

export function invitationView(row: InvitationRow, now = Date.now()): InvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.expires_at.getTime() > now ? 'pending' : 'expired',
    invitedBy: row.invited_by,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

/** Invitations that can still be accepted or have lapsed unused (neither accepted nor revoked). */
export const openInvitations = (trx: Knex.Transaction, orgId: string) =>
  trx('invitations').where({ org_id: orgId }).whereNull('accepted_at').whereNull('revoked_at');

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
    const member = await trx('memberships as m').join('users as u', 'u.id', 'm.user_id')
      .where({ 'm.org_id': auth.orgId, 'u.email': body.email }).first('m.user_id');
    if (member) throw new Problem(409, 'already-member', 'This person is already a member');
    await openInvitations(trx, auth.orgId).andWhere({ email: body.email }).update({ revoked_at: trx.fn.now() });
    const [row] = await trx('invitations').insert({
      org_id: auth.orgId, id: randomUUID(), email: body.email, name: body.name, role: body.role,
      token_hash: hashInvitationToken(token), invited_by: auth.userId, expires_at: expiresAt,
    }).returning<InvitationRow[]>(['id', 'email', 'name', 'role', 'invited_by', 'expires_at', 'created_at']).catch((error: unknown) => {
      // Two admins inviting the same address at once: one open invitation wins.
      if ((error as { code?: string }).code === '23505') throw new Problem(409, 'invitation-conflict', 'This address is being invited right now', { detail: 'Try again.' });
      throw error;
    });
    if (!row) throw new Error('invitation not inserted');
    await recordAudit(trx, {
      orgId: auth.orgId, actorId: auth.userId, action: 'invitation.created', entityType: 'invitation', entityId: row.id,
      data: { email: body.email, role: body.role },
    });
    const org = await trx('organizations').where({ id: auth.orgId }).first<{ name: string }>('name');
    const inviter = await trx('users').where({ id: auth.userId }).first<{ name: string } | undefined>('name');
    const link = `${deps.invitations.publicUrl.replace(/\/$/, '')}/invitations/${token}`;
    try {
      await deps.invitations.mailer({ to: body.email, organization: org.name, role: body.role, inviter: inviter?.name ?? 'An administrator', link, token, expiresAt });
    } catch (error) {
      deps.logger.error({ err: error }, 'invitation mail not sent');
      throw new Problem(502, 'invitation-not-sent', 'The invitation could not be mailed', { detail: 'The mail server refused or could not be reached; nothing was stored. Try again.' });
    }
    return invitationView(row);
  });
}

export async function revokeInvitation(deps: ApiDeps, auth: Auth, id: string): Promise<void> {
  await withTenant(deps.db, auth, async (trx) => {
    const revoked = await openInvitations(trx, auth.orgId).andWhere({ id }).update({ revoked_at: trx.fn.now() });
    if (revoked === 0) throw notFound('Open invitation');
    await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'invitation.revoked', entityType: 'invitation', entityId: id });
  });
}
