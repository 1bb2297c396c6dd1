import type { Knex } from 'knex';
import { raw } from 'objection';
import { Team, TeamMember } from './models';

/** Teams of agents, by name, with their members' user ids. */
export async function listTeams(trx: Knex.Transaction, orgId: string): Promise<{ id: string; name: string; member_ids: string[] }[]> {
  return Team.query(trx)
    .leftJoinRelated('members')
    .where('teams.org_id', orgId)
    .groupBy('teams.id', 'teams.name')
    .orderBy('teams.name')
    .select('teams.id', 'teams.name', raw(`coalesce(array_agg(members.user_id) FILTER (WHERE members.user_id IS NOT NULL), '{}') AS member_ids`))
    .castTo<{ id: string; name: string; member_ids: string[] }[]>();
}

/** A new team and its members (who must already be members of the org). */
export async function insertTeam(trx: Knex.Transaction, orgId: string, team: { id: string; name: string; memberIds: readonly string[] }): Promise<void> {
  await Team.query(trx).insert({ org_id: orgId, id: team.id, name: team.name });
  if (team.memberIds.length > 0) {
    await TeamMember.query(trx).insert(team.memberIds.map((userId) => ({ org_id: orgId, team_id: team.id, user_id: userId })));
  }
}
