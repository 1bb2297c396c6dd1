import { z } from 'zod';
import { listMembers } from '../../db/member-directory';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { routeGroup } from '../route-group';
import { inviteRoute } from './invitations';
import { UserSchema } from '../schemas/auth';
import { keysetPage } from '../keyset-page';
import { decodeCursor, page } from '../schemas/common';
import { ListUsersQuery } from '../schemas/users';

const UserCursor = z.object({ e: z.string() });

const users = routeGroup({ tag: 'users', access: ACCESS.staff });

export function userRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = users.get('/users', {
    operationId: 'listUsers', summary: "Members of the caller's organization",
    query: ListUsersQuery,
    responses: { 200: { description: 'A page of members', schema: page(UserSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, UserCursor);
      const rows = await withTenant(db, auth, (trx) => listMembers(trx, auth.orgId, { afterEmail: after?.e ?? null, limit: query.limit }));
      return { status: 200, body: keysetPage(rows, query.limit, (row) => row as z.infer<typeof UserSchema>, (last) => ({ e: last.email })) };
    },
  });

  // The DESIGN contract's `POST /users` now invites (see api/invitations/store.ts): adding
  // someone directly let an admin pull in, and learn the name of, a user of another org.
  const create = inviteRoute(deps, {
    path: '/users', operationId: 'inviteUser',
    summary: "Invite a member to the caller's organization (same as POST /invitations)",
  });

  return [list, create];
}
