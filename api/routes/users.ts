import { z } from 'zod';
import { listMembers } from '../../db/member-directory';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { createInvitation } from '../invitations/store';
import { route } from '../route';
import { UserSchema } from '../schemas/auth';
import { InvitationSchema, InviteBody } from '../schemas/invitations';
import { decodeCursor, encodeCursor, page } from '../schemas/common';
import { ListUsersQuery } from '../schemas/users';

const UserCursor = z.object({ e: z.string() });

export function userRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/users', tag: 'users', access: ACCESS.staff,
    operationId: 'listUsers',
    summary: "Members of the caller's organization",
    query: ListUsersQuery,
    responses: { 200: { description: 'A page of members', schema: page(UserSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, UserCursor);
      const rows = await withTenant(db, auth, (trx) => listMembers(trx, auth.orgId, { afterEmail: after?.e ?? null, limit: query.limit }));
      const data = rows.slice(0, query.limit) as z.infer<typeof UserSchema>[];
      const last = data.at(-1);
      return { status: 200, body: { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ e: last.email }) : null } };
    },
  });

  // The DESIGN contract's `POST /users` now invites (see api/invitations/store.ts): adding
  // someone directly let an admin pull in, and learn the name of, a user of another org.
  const create = route({
    method: 'post', path: '/users', tag: 'users', access: ACCESS.manageMembers,
    operationId: 'inviteUser',
    summary: "Invite a member to the caller's organization (same as POST /invitations)",
    body: InviteBody,
    responses: { 201: { description: 'Invited (the same answer whether or not the address has a login elsewhere)', schema: InvitationSchema } },
    async handler({ auth, body }) {
      return { status: 201, body: await createInvitation(deps, auth, body) };
    },
  });

  return [list, create];
}
