import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { route } from '../route';
import { CreateTeamBody, TeamSchema } from '../schemas/teams';

/** Teams group agents; a ticket can be assigned to a team as well as (or instead of) a person. */
export function teamRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/teams', tag: 'teams', access: ACCESS.staff,
    operationId: 'listTeams',
    summary: "The organization's teams and their members",
    responses: { 200: { description: 'Teams', schema: z.object({ data: z.array(TeamSchema) }) } },
    async handler({ auth }) {
      const rows: { id: string; name: string; member_ids: string[] }[] = await withTenant(db, auth, (trx) =>
        trx('teams as t')
          .leftJoin('team_members as m', function () {
            this.on('m.org_id', 't.org_id').andOn('m.team_id', 't.id');
          })
          .where('t.org_id', auth.orgId)
          .groupBy('t.id', 't.name')
          .orderBy('t.name')
          .select('t.id', 't.name', trx.raw(`coalesce(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS member_ids`)),
      );
      return { status: 200, body: { data: rows.map((row) => ({ id: row.id, name: row.name, memberIds: row.member_ids })) } };
    },
  });

  const create = route({
    method: 'post', path: '/teams', tag: 'teams', access: ACCESS.manageMembers,
    operationId: 'createTeam',
    summary: 'Create a team of existing members',
    body: CreateTeamBody,
    responses: { 201: { description: 'Created', schema: TeamSchema } },
    async handler({ auth, body }) {
      const team = { id: randomUUID(), name: body.name, memberIds: [...new Set(body.memberIds)] };
      await withTenant(db, auth, async (trx) => {
        const members = await trx('memberships').where('org_id', auth.orgId).whereIn('user_id', team.memberIds).pluck('user_id');
        const unknown = team.memberIds.filter((id) => !members.includes(id));
        if (unknown.length > 0) {
          throw new Problem(422, 'unknown-member', 'Not a member of this organization', {
            errors: unknown.map((id) => ({ pointer: `/memberIds/${body.memberIds.indexOf(id)}`, message: `${id} is not a member.` })),
          });
        }
        await trx('teams').insert({ org_id: auth.orgId, id: team.id, name: team.name });
        if (team.memberIds.length > 0) {
          await trx('team_members').insert(team.memberIds.map((userId) => ({ org_id: auth.orgId, team_id: team.id, user_id: userId })));
        }
        await trx('audit_log').insert({ org_id: auth.orgId, actor_id: auth.userId, action: 'team.created', entity_type: 'team', entity_id: team.id });
      });
      return { status: 201, body: team };
    },
  });

  return [list, create];
}
