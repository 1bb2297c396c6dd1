import { z } from 'zod';
import { findMember, listMembers, userName } from '../../db/member-directory';
import { findOrganization } from '../../db/organization-store';
import { passwordResetMail } from '../auth/password-reset-mail';
import { createPasswordReset } from '../auth/password-resets';
import { auditCaller } from '../caller-audit';
import { notFound } from '../problem';
import { PasswordResetAcceptedSchema } from '../schemas/auth';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { routeGroup } from '../route-group';
import { inviteRoute } from './invitations';
import { changeMembership, memberView } from '../members/change-membership';
import { keysetPage } from '../keyset-page';
import { decodeCursor, page } from '../schemas/common';
import { ChangeRoleBody, ListUsersQuery, MemberParams, MemberSchema } from '../schemas/users';

const UserCursor = z.object({ e: z.string() });

const users = routeGroup({ tag: 'users', access: ACCESS.staff });

export function userRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = users.get('/users', {
    operationId: 'listUsers', summary: "Members of the caller's organization",
    query: ListUsersQuery,
    responses: { 200: { description: 'A page of members', schema: page(MemberSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, UserCursor);
      const rows = await withTenant(db, auth, (trx) => listMembers(trx, auth.orgId, { afterEmail: after?.e ?? null, limit: query.limit, status: query.status }));
      return { status: 200, body: keysetPage(rows, query.limit, memberView, (last) => ({ e: last.email })) };
    },
  });

  const manage = routeGroup({ tag: 'users', access: ACCESS.manageMembers });

  const setRole = manage.post('/users/{id}/role', {
    operationId: 'changeMemberRole', summary: "Change a member's role (their sessions end: the new role holds from their next sign-in)",
    params: MemberParams, body: ChangeRoleBody,
    responses: { 200: { description: 'The member as changed', schema: MemberSchema } },
    async handler({ auth, params, body }) {
      return { status: 200, body: await changeMembership(deps, auth, params.id, { kind: 'set-role', role: body.role }) };
    },
  });

  const deactivate = manage.post('/users/{id}/deactivate', {
    operationId: 'deactivateMember', summary: 'Deactivate a member: no sign-in, no new assignments; their past work keeps their name',
    params: MemberParams,
    responses: { 200: { description: 'The member, deactivated', schema: MemberSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: await changeMembership(deps, auth, params.id, { kind: 'deactivate' }) };
    },
  });

  const reactivate = manage.post('/users/{id}/reactivate', {
    operationId: 'reactivateMember', summary: 'Give a deactivated member their membership back, with the role they had',
    params: MemberParams,
    responses: { 200: { description: 'The member, active again', schema: MemberSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: await changeMembership(deps, auth, params.id, { kind: 'reactivate' }) };
    },
  });

  const sendReset = manage.post('/users/{id}/password-reset', {
    operationId: 'sendMemberPasswordReset', summary: 'Mail an active member a single-use link to set a new password (their password stays until they follow it)',
    params: MemberParams,
    responses: { 202: { description: 'The link is on its way', schema: PasswordResetAcceptedSchema } },
    async handler({ auth, params }) {
      const { member, admin, organization } = await withTenant(db, auth, async (trx) => {
        const found = await findMember(trx, auth.orgId, params.id);
        if (!found) throw notFound('Member');
        await auditCaller(trx, auth, { action: 'user.password_reset_sent', entityType: 'user', entityId: params.id });
        return { member: found, admin: (await userName(trx, auth.userId)) ?? 'An administrator', organization: (await findOrganization(trx, auth.orgId))?.name ?? 'your organization' };
      });
      const link = await createPasswordReset(db, member.email);
      // Mailed before answering: the admin is told if it could not go out.
      if (link) await deps.accountMail(passwordResetMail(deps.publicUrl, link, { admin, organization }));
      return { status: 202, body: { status: 'reset_link_sent' as const } };
    },
  });

  // The DESIGN contract's `POST /users` now invites (see api/invitations/store.ts): adding
  // someone directly let an admin pull in, and learn the name of, a user of another org.
  const create = inviteRoute(deps, {
    path: '/users', operationId: 'inviteUser',
    summary: "Invite a member to the caller's organization (same as POST /invitations)",
  });

  return [list, create, setRole, deactivate, reactivate, sendReset];
}
