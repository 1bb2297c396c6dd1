import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { hashPassword } from '../auth/passwords';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, forbidden } from '../problem';
import { route } from '../route';
import { CreateUserBody, UserSchema } from '../schemas/auth';
import { decodeCursor, encodeCursor, page } from '../schemas/common';
import { ListUsersQuery } from '../schemas/users';

const UserCursor = z.object({ e: z.string() });

export function userRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/users', tag: 'users', access: ACCESS.staff,
    summary: "Members of the caller's organization",
    query: ListUsersQuery,
    responses: { 200: { description: 'A page of members', schema: page(UserSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, UserCursor);
      const rows = await withTenant(db, auth, (trx) => {
        const builder = trx('memberships as m').join('users as u', 'u.id', 'm.user_id').where('m.org_id', auth.orgId)
          .select<{ id: string; email: string; name: string; role: z.infer<typeof UserSchema>['role'] }[]>('u.id', 'u.email', 'u.name', 'm.role');
        if (after) builder.where('u.email', '>', after.e);
        return builder.orderBy('u.email').limit(query.limit + 1);
      });
      const data = rows.slice(0, query.limit);
      const last = data.at(-1);
      return { status: 200, body: { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ e: last.email }) : null } };
    },
  });

  const create = route({
    method: 'post', path: '/users', tag: 'users', access: ACCESS.manageMembers,
    summary: "Add a member to the caller's organization",
    body: CreateUserBody,
    responses: { 201: { description: 'Added', schema: UserSchema } },
    async handler({ auth, body }) {
      if (body.role === 'owner' && auth.role !== 'owner') throw forbidden('Only an owner may add another owner.');
      const passwordHash = body.password ? await hashPassword(body.password) : null;
      const user = await withTenant(db, auth, async (trx) => {
        // An existing identity (a person already in another org) joins with their own login.
        const { rows } = await trx.raw<{ rows: { id: string }[] }>('SELECT ensure_identity(?, ?, ?, ?) AS id', [
          randomUUID(), body.email, body.name, passwordHash,
        ]);
        const userId = rows[0]?.id;
        if (!userId) throw new Error('user neither inserted nor found');
        const joined = await trx('memberships').insert({ org_id: auth.orgId, user_id: userId, role: body.role })
          .onConflict(['org_id', 'user_id']).ignore().returning('user_id');
        if (joined.length === 0) throw new Problem(409, 'already-member', 'This person is already a member');
        await trx('audit_log').insert({
          org_id: auth.orgId, actor_id: auth.userId, action: 'member.added', entity_type: 'user', entity_id: userId,
          data: JSON.stringify({ role: body.role }),
        });
        const row = await trx('users').where({ id: userId }).first<{ name: string; email: string }>('name', 'email');
        return { id: userId, email: row.email, name: row.name, role: body.role };
      });
      return { status: 201, body: user };
    },
  });

  return [list, create];
}
