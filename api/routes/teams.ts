import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { Problem } from '../problem';
import { routeGroup } from '../route-group';
import { CreateTeamBody, TeamSchema } from '../schemas/teams';
import { membersAmong } from '../../db/member-directory';
import { insertTeam, listTeams } from '../../db/team-directory';

const teams = routeGroup({ tag: 'teams', access: ACCESS.staff });

/** Teams group agents; a ticket can be assigned to a team as well as (or instead of) a person. */
export function teamRoutes({ db }: ApiDeps) {
  const list = teams.get('/teams', {
    operationId: 'listTeams', summary: "The organization's teams and their members",
    responses: { 200: { description: 'Teams', schema: z.object({ data: z.array(TeamSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => listTeams(trx, auth.orgId));
      return { status: 200, body: { data: rows.map((row) => ({ id: row.id, name: row.name, memberIds: row.member_ids })) } };
    },
  });

  const create = teams.post('/teams', {
    access: ACCESS.manageMembers, operationId: 'createTeam', summary: 'Create a team of existing members',
    body: CreateTeamBody,
    responses: { 201: { description: 'Created', schema: TeamSchema } },
    async handler({ auth, body }) {
      const team = { id: randomUUID(), name: body.name, memberIds: [...new Set(body.memberIds)] };
      await withTenant(db, auth, async (trx) => {
        const members = await membersAmong(trx, auth.orgId, team.memberIds);
        const unknown = team.memberIds.filter((id) => !members.includes(id));
        if (unknown.length > 0) {
          throw new Problem(422, 'unknown-member', 'Not a member of this organization', {
            errors: unknown.map((id) => ({ pointer: `/memberIds/${body.memberIds.indexOf(id)}`, message: `${id} is not a member.` })),
          });
        }
        await insertTeam(trx, auth.orgId, team);
        await auditCaller(trx, auth, { action: 'team.created', entityType: 'team', entityId: team.id });
      });
      return { status: 201, body: team };
    },
  });

  return [list, create];
}
