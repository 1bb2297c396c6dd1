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
import { acceptOpenInvitation, invitationByToken } from '../../db/invitation-store';
import { loginIdentity } from '../../db/login-lookup';
import { addMembershipIfAbsent, memberRole } from '../../db/member-directory';
import { findOrganization } from '../../db/organization-store';
import { insertUserIfNew, setPasswordIfUnset, userContact } from '../../db/user-store';

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
  const row = await invitationByToken(deps.db, hashInvitationToken(token));
  if (!row) throw notFound('Invitation');
  if (row.accepted_at) throw gone('invitation-used', 'This invitation has already been accepted.');
  if (row.revoked_at) throw gone('invitation-revoked', 'This invitation was withdrawn or replaced by a newer one.');
  if (row.expires_at.getTime() <= Date.now()) throw gone('invitation-expired', 'This invitation has expired; ask for a new one.');
  const identity = await loginIdentity(deps.db, row.email);
  return {
    orgId: row.org_id, id: row.id, orgName: row.org_name, email: row.email, name: row.name, role: row.role as Role, expiresAt: row.expires_at,
    identityId: identity?.id ?? null, identityHasPassword: identity?.has_password ?? false,
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
      const created = await insertUserIfNew(trx, { id: userId, email: invitation.email, name: newUser.name ?? invitation.name, passwordHash: newUser.passwordHash });
      if (!created) throw new Problem(409, 'sign-in-required', 'Sign in to accept', { detail: 'This address got a Keel login meanwhile: sign in as it, then accept.' });
    }
    if (claim) {
      if (!(await setPasswordIfUnset(trx, userId, claim))) throw new Problem(409, 'sign-in-required', 'Sign in to accept', { detail: 'This login got a password meanwhile: sign in as it, then accept.' });
    }
    // Single use: only one acceptance can flip the row, however many race.
    if (!(await acceptOpenInvitation(trx, invitation.orgId, invitation.id, userId))) throw gone('invitation-used', 'This invitation has already been used.');
    await addMembershipIfAbsent(trx, invitation.orgId, userId, invitation.role);
    // An earlier membership keeps its role.
    const role = (await memberRole(trx, invitation.orgId, userId)) as Role | undefined;
    if (role === undefined) throw new Error('membership not visible after insert');
    await recordAudit(trx, [
      { orgId: invitation.orgId, actorId: userId, action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id },
      { orgId: invitation.orgId, actorId: userId, action: 'member.added', entityType: 'user', entityId: userId, data: { role, invitationId: invitation.id } },
    ]);
    const user = await userContact(trx, userId);
    const org = await findOrganization(trx, invitation.orgId);
    if (!user || !org) throw new Error('the accepted membership\'s login or organization is not visible');
    return { organization: org, user: { id: userId, email: user.email, name: user.name, role } };
  });
}
