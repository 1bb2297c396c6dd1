import { sessionCheck } from '../auth/session-check';
import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { hashPassword } from '../auth/passwords';
import { ROLES, type Auth, type Role } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { authenticate } from '../middleware/authenticate';
import { Problem, notFound } from '../problem';
import type { AcceptInvitationBody, AcceptedInvitationSchema } from '../schemas/invitations';
import { hashInvitationToken } from './tokens';
import { recordAudit } from '../../db/audit';

export interface OpenedInvitation {
  orgId: string;
  id: string;
  orgName: string;
  email: string;
  /** The name the inviter suggested. */
  name: string;
  role: Role;
  expiresAt: Date;
  /** The id of the login the invited address already has, if any. */
  identityId: string | null;
  /**
   * That login has a password. One without (added by an admin before invitations existed)
   * cannot sign in; the token, mailed to the address, lets its owner set one.
   */
  identityHasPassword: boolean;
}

const gone = (slug: string, detail: string) => new Problem(410, slug, 'The invitation cannot be used', { detail });

/** Reads the invitation a token opens (across tenants: the caller has none yet), if it is still usable. */
export async function openInvitation(deps: ApiDeps, token: string): Promise<OpenedInvitation> {
  const { rows } = await deps.db.raw<{ rows: { org_id: string; id: string; org_name: string; email: string; name: string; role: Role; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }[] }>(
    'SELECT * FROM invitation_by_token(?)', [hashInvitationToken(token)],
  );
  const row = rows[0];
  if (!row) throw notFound('Invitation');
  if (row.accepted_at) throw gone('invitation-used', 'This invitation has already been accepted.');
  if (row.revoked_at) throw gone('invitation-revoked', 'This invitation was withdrawn or replaced by a newer one.');
  if (row.expires_at.getTime() <= Date.now()) throw gone('invitation-expired', 'This invitation has expired; ask for a new one.');
  const identity = await deps.db.raw<{ rows: { id: string; has_password: boolean }[] }>(
    'SELECT id, password_hash IS NOT NULL AS has_password FROM auth_lookup(?)', [row.email],
  );
  return {
    orgId: row.org_id, id: row.id, orgName: row.org_name, email: row.email, name: row.name, role: row.role, expiresAt: row.expires_at,
    identityId: identity.rows[0]?.id ?? null, identityHasPassword: identity.rows[0]?.has_password ?? false,
  };
}

/**
 * Who accepts: an address that already has a login is accepted only by that login, signed in
 * (it gains a membership in one more org); a new address becomes a login with the name and
 * password given here, and a login without a password gets the password given here.
 */
async function acceptor(deps: ApiDeps, ctx: Context, invitation: OpenedInvitation, body: z.infer<typeof AcceptInvitationBody>) {
  const caller: Auth | null = ctx.get('authorization') ? await authenticate(ctx, ROLES, { tokens: deps.accessTokens, sessionActive: sessionCheck(deps.db) }) : null;
  if (invitation.identityId !== null && invitation.identityHasPassword) {
    if (!caller) throw new Problem(401, 'sign-in-required', 'Sign in to accept', { detail: 'This address already has a Keel login: sign in as it, then accept.' });
    if (caller.userId !== invitation.identityId) throw new Problem(403, 'invitation-for-another-address', 'Forbidden', { detail: 'This invitation is for another address than the one you are signed in as.' });
    if (body.password !== undefined) throw new Problem(422, 'password-not-accepted', 'An existing login keeps its password', { errors: [{ pointer: '/password', message: 'Leave it out: you already have a login.' }] });
    return { userId: caller.userId, newUser: null, claim: null };
  }
  if (body.password === undefined) throw new Problem(422, 'password-required', 'Choose a password', { errors: [{ pointer: '/password', message: 'Required for a new login.' }] });
  const passwordHash = await hashPassword(body.password);
  if (invitation.identityId !== null) return { userId: invitation.identityId, newUser: null, claim: { passwordHash, name: body.name ?? null } };
  return { userId: randomUUID(), newUser: { name: body.name ?? null, passwordHash }, claim: null };
}

export async function acceptInvitation(deps: ApiDeps, ctx: Context, token: string, body: z.infer<typeof AcceptInvitationBody>): Promise<z.infer<typeof AcceptedInvitationSchema>> {
  const invitation = await openInvitation(deps, token);
  const { userId, newUser, claim } = await acceptor(deps, ctx, invitation, body);
  return withTenant(deps.db, { orgId: invitation.orgId, userId }, async (trx) => {
    if (newUser) {
      const created = await trx('users')
        .insert({ id: userId, email: invitation.email, name: newUser.name ?? invitation.name, password_hash: newUser.passwordHash })
        .onConflict('email').ignore().returning('id');
      if (created.length === 0) throw new Problem(409, 'sign-in-required', 'Sign in to accept', { detail: 'This address got a Keel login meanwhile: sign in as it, then accept.' });
    }
    if (claim) {
      const set = await trx('users').where({ id: userId }).whereNull('password_hash').update({ password_hash: claim.passwordHash, ...(claim.name !== null && { name: claim.name }) });
      if (set === 0) throw new Problem(409, 'sign-in-required', 'Sign in to accept', { detail: 'This login got a password meanwhile: sign in as it, then accept.' });
    }
    // Single use: only one acceptance can flip the row, however many race.
    const accepted = await trx('invitations').where({ org_id: invitation.orgId, id: invitation.id })
      .whereNull('accepted_at').whereNull('revoked_at').andWhere('expires_at', '>', trx.fn.now())
      .update({ accepted_at: trx.fn.now(), accepted_by: userId });
    if (accepted === 0) throw gone('invitation-used', 'This invitation has already been used.');
    await trx('memberships').insert({ org_id: invitation.orgId, user_id: userId, role: invitation.role }).onConflict(['org_id', 'user_id']).ignore();
    const membership = await trx('memberships').where({ org_id: invitation.orgId, user_id: userId }).first<{ role: Role }>('role');
    await recordAudit(trx, [
      { orgId: invitation.orgId, actorId: userId, action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id },
      { orgId: invitation.orgId, actorId: userId, action: 'member.added', entityType: 'user', entityId: userId, data: { role: membership.role, invitationId: invitation.id } },
    ]);
    const user = await trx('users').where({ id: userId }).first<{ email: string; name: string }>('email', 'name');
    const org = await trx('organizations').where({ id: invitation.orgId }).first<{ id: string; name: string; slug: string }>('id', 'name', 'slug');
    return { organization: org, user: { id: userId, email: user.email, name: user.name, role: membership.role } };
  });
}
