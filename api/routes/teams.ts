import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { route } from '../route';
import { CreateTeamBody, TeamSchema } from '../schemas/teams';
import { recordAudit } from '../../db/audit';
import { raw } from 'objection';
import { Membership, Team, TeamMember } from '../../db/models';

/** Teams group agents; a ticket can be assigned to a team as well as (or instead of) a person. */
export function teamRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/teams', tag: 'teams', access: ACCESS.staff,
    operationId: 'listTeams',
    summary: "The organization's teams and their members",
    responses: { 200: { description: 'Teams', schema: z.object({ data: z.array(TeamSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) =>
        Team.query(trx)
          .leftJoinRelated('members')
          .where('teams.org_id', auth.orgId)
          .groupBy('teams.id', 'teams.name')
          .orderBy('teams.name')
          .select('teams.id', 'teams.name', raw(`coalesce(array_agg(members.user_id) FILTER (WHERE members.user_id IS NOT NULL), '{}') AS member_ids`))
          .castTo<{ id: string; name: string; member_ids: string[] }[]>(),
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
        const members = (await Membership.query(trx).where('org_id', auth.orgId).whereIn('user_id', team.memberIds).select('user_id')).map((row) => row.user_id);
        const unknown = team.memberIds.filter((id) => !members.includes(id));
        if (unknown.length > 0) {
          throw new Problem(422, 'unknown-member', 'Not a member of this organization', {
            errors: unknown.map((id) => ({ pointer: `/memberIds/${body.memberIds.indexOf(id)}`, message: `${id} is not a member.` })),
          });
        }
        await Team.query(trx).insert({ org_id: auth.orgId, id: team.id, name: team.name });
        if (team.memberIds.length > 0) {
          await TeamMember.query(trx).insert(team.memberIds.map((userId) => ({ org_id: auth.orgId, team_id: team.id, user_id: userId })));
        }
        await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'team.created', entityType: 'team', entityId: team.id });
      });
      return { status: 201, body: team };
    },
  });

  return [list, create];
}
