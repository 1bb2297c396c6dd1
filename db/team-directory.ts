import type { Knex } from 'knex';
import { raw } from 'objection';
import { Team, TeamMember } from './models';
import { tenantJoin } from './tenant-join';

/**
 * Teams of agents: their settings and members. A deleted team keeps its row (closed tickets and
 * reports still name it) but is no team here: not listed, not found, not assignable.
 */
export interface TeamRow { id: string; name: string; description: string; calendar_id: string | null; member_ids: string[] }
export type TeamColumns = Partial<Pick<TeamRow, 'name' | 'description' | 'calendar_id'>>;

/** The org's teams, by name, with their members' user ids. */
export async function listTeams(trx: Knex.Transaction, orgId: string): Promise<TeamRow[]> {
  return Team.query(trx)
    .leftJoinRelated('members')
    .where('teams.org_id', orgId)
    .whereNull('teams.deleted_at')
    .groupBy('teams.org_id', 'teams.id')
    .orderBy('teams.name')
    .select('teams.id', 'teams.name', 'teams.description', 'teams.calendar_id', raw(`coalesce(array_agg(members.user_id ORDER BY members.user_id) FILTER (WHERE members.user_id IS NOT NULL), '{}') AS member_ids`))
    .castTo<TeamRow[]>();
}

/** One team, locked for the change the caller is about to make. */
export async function findTeamForUpdate(trx: Knex.Transaction, orgId: string, id: string): Promise<TeamRow | undefined> {
  const team = await Team.query(trx).where({ org_id: orgId, id }).whereNull('deleted_at').forUpdate()
    .select('id', 'name', 'description', 'calendar_id').first().castTo<Omit<TeamRow, 'member_ids'> | undefined>();
  if (!team) return undefined;
  const memberIds = (await TeamMember.query(trx).where({ org_id: orgId, team_id: id }).orderBy('user_id').select('user_id')).map((row) => row.user_id);
  return { ...team, member_ids: memberIds };
}

/** A new team and its members (who must already be members of the org). */
export async function insertTeam(
  trx: Knex.Transaction,
  orgId: string,
  team: { id: string; name: string; description: string; calendarId: string | null; memberIds: readonly string[] },
): Promise<void> {
  await Team.query(trx).insert({ org_id: orgId, id: team.id, name: team.name, description: team.description, calendar_id: team.calendarId });
  await addMembers(trx, orgId, team.id, team.memberIds);
}

export async function updateTeam(trx: Knex.Transaction, orgId: string, id: string, columns: TeamColumns): Promise<void> {
  await Team.query(trx).where({ org_id: orgId, id }).whereNull('deleted_at').patch(columns);
}

/** Makes the team's members exactly these (active members of the org, checked by the caller). */
export async function replaceTeamMembers(trx: Knex.Transaction, orgId: string, id: string, memberIds: readonly string[]): Promise<void> {
  await TeamMember.query(trx).where({ org_id: orgId, team_id: id }).whereNotIn('user_id', memberIds).delete();
  if (memberIds.length > 0) {
    await TeamMember.query(trx).insert(memberIds.map((userId) => ({ org_id: orgId, team_id: id, user_id: userId }))).onConflict(['org_id', 'team_id', 'user_id']).ignore();
  }
}

async function addMembers(trx: Knex.Transaction, orgId: string, id: string, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length > 0) await TeamMember.query(trx).insert(memberIds.map((userId) => ({ org_id: orgId, team_id: id, user_id: userId })));
}

/** What still counts on a team: the caller refuses to delete it while any of these is non-empty. */
export interface TeamReferences {
  /** Tickets not yet closed (a solved ticket can reopen) that are assigned to the team. */
  openTickets: { count: number; numbers: number[] };
  /** SLA policies whose conditions name the team. */
  slaPolicies: string[];
  /** Rules (on or off, not deleted) whose current version names the team: assign, notify, escalate, a condition. */
  rules: string[];
  /** The org's macros with an action that assigns to the team. */
  macros: string[];
}

export async function teamReferences(trx: Knex.Transaction, orgId: string, id: string): Promise<TeamReferences> {
  // A team id is a uuid: wherever it appears quoted in a definition, that definition names the team.
  const quoted = `%"${id}"%`;
  const [tickets, numbers, slaPolicies, rules, macros] = await Promise.all([
    trx('tickets').where({ org_id: orgId, team_id: id }).whereNot('status', 'closed').count<{ count: string }[]>({ count: '*' }),
    trx('tickets').where({ org_id: orgId, team_id: id }).whereNot('status', 'closed').orderBy('number').limit(5).pluck('number'),
    trx('sla_policies').where({ org_id: orgId }).whereRaw(`conditions -> 'teamIds' \\? ?`, [id]).orderBy('position').pluck('name'),
    trx('rules as r').join('rule_versions as v', tenantJoin(['v.rule_id', 'r.id'], ['v.version', 'r.current_version'])).where('r.org_id', orgId).whereNull('r.deleted_at').whereRaw('v.definition::text LIKE ?', [quoted]).orderBy('r.position').pluck('v.definition'),
    trx('macros').where({ org_id: orgId }).whereNull('owner_id').whereRaw('actions::text LIKE ?', [quoted]).orderBy('name').pluck('name'),
  ]);
  return { openTickets: { count: Number(tickets[0]?.count ?? 0), numbers }, slaPolicies, rules: (rules as { name: string }[]).map((rule) => rule.name), macros };
}

/**
 * Deletes the team: its row stays, named, for the history that cites it; its members, its calendar
 * and its round-robin cursor go, and its name is free for a new team.
 */
export async function softDeleteTeam(trx: Knex.Transaction, orgId: string, actorId: string, id: string): Promise<void> {
  await TeamMember.query(trx).where({ org_id: orgId, team_id: id }).delete();
  await trx('assignment_cursors').where({ org_id: orgId, team_id: id }).delete();
  await Team.query(trx).where({ org_id: orgId, id }).whereNull('deleted_at').patch({ deleted_at: new Date(), deleted_by: actorId, calendar_id: null });
}
