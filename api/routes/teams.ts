import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/failure-classes';
import { knownIds } from '../../db/known-ids';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { Problem, found } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import { CreateTeamBody, TeamMembersBody, TeamParams, TeamSchema, UpdateTeamBody } from '../schemas/teams';
import { membersAmong } from '../../db/member-directory';
import {
  findTeamForUpdate, insertTeam, listTeams, replaceTeamMembers, softDeleteTeam, teamReferences, updateTeam, type TeamColumns, type TeamReferences, type TeamRow,
} from '../../db/team-directory';

const teams = routeGroup({ tag: 'teams', access: ACCESS.staff });

type TeamView = z.infer<typeof TeamSchema>;
const viewOf = (row: TeamRow): TeamView => ({ id: row.id, name: row.name, description: row.description, calendarId: row.calendar_id, memberIds: row.member_ids });

/** Every id must be an active member of the org (a deactivated member is chosen for no team). */
async function checkMembers(trx: Knex.Transaction, orgId: string, memberIds: readonly string[]): Promise<void> {
  const members = await membersAmong(trx, orgId, memberIds);
  const unknown = memberIds.map((id, index) => ({ id, index })).filter(({ id }) => !members.includes(id));
  if (unknown.length > 0) {
    throw new Problem(422, 'unknown-member', 'Not a member of this organization', {
      errors: unknown.map(({ id, index }) => ({ pointer: `/memberIds/${index}`, message: `${id} is not an active member.` })),
    });
  }
}

async function checkCalendar(trx: Knex.Transaction, orgId: string, calendarId: string | null): Promise<void> {
  if (calendarId === null) return;
  if (!(await knownIds(trx, 'calendars', orgId, [calendarId])).has(calendarId)) {
    throw new Problem(422, 'unknown-calendar', 'No such calendar', { errors: [{ pointer: '/calendarId', message: 'Not a calendar of this organization.' }] });
  }
}

/** Team names are unique in an org, whatever their case: a clash is a 409 pointing at the name. */
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Problem(409, 'team-name-taken', 'A team of that name exists', { errors: [{ pointer: '/name', message: 'Another team has this name; choose another.' }] });
  }
}

const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join(', ');

/** Why the team cannot go yet, in words an admin can act on; undefined when nothing counts on it. */
function inUseDetail(name: string, refs: TeamReferences): string | undefined {
  const reasons: string[] = [];
  const { count, numbers } = refs.openTickets;
  if (count > 0) {
    const listed = numbers.map((number) => `#${number}`).join(', ') + (count > numbers.length ? ', …' : '');
    reasons.push(`${count} ticket${count === 1 ? ' that is' : 's that are'} not closed ${count === 1 ? 'is' : 'are'} assigned to it (${listed})`);
  }
  if (refs.slaPolicies.length > 0) reasons.push(`SLA ${refs.slaPolicies.length === 1 ? 'policy' : 'policies'} ${quoted(refs.slaPolicies)} name${refs.slaPolicies.length === 1 ? 's' : ''} it`);
  if (refs.rules.length > 0) reasons.push(`automation ${refs.rules.length === 1 ? 'rule' : 'rules'} ${quoted(refs.rules)} name${refs.rules.length === 1 ? 's' : ''} it`);
  if (refs.macros.length > 0) reasons.push(`${refs.macros.length === 1 ? 'macro' : 'macros'} ${quoted(refs.macros)} assign${refs.macros.length === 1 ? 's' : ''} to it`);
  if (reasons.length === 0) return undefined;
  return `Team “${name}” is still in use: ${reasons.join('; ')}. Reassign or change ${reasons.length === 1 && count > 0 ? 'those tickets' : 'them'} first.`;
}

const changeProblems = {
  404: { description: 'No such team in this organization', schema: ProblemSchema },
  422: { description: 'A member who is not an active member of the organization, or a calendar that is not its', schema: ProblemSchema },
};
const nameTaken = { 409: { description: 'Another team has that name', schema: ProblemSchema } };

/** Teams group agents; a ticket can be assigned to a team as well as (or instead of) a person. */
export function teamRoutes({ db }: ApiDeps) {
  const list = teams.get('/teams', {
    operationId: 'listTeams', summary: "The organization's teams and their members",
    responses: { 200: { description: 'Teams', schema: z.object({ data: z.array(TeamSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => listTeams(trx, auth.orgId));
      return { status: 200, body: { data: rows.map(viewOf) } };
    },
  });

  const create = teams.post('/teams', {
    access: ACCESS.manageMembers, operationId: 'createTeam', summary: 'Create a team of active members, with a calendar of its working hours if it has one',
    body: CreateTeamBody,
    responses: { 201: { description: 'Created', schema: TeamSchema }, ...nameTaken, 422: changeProblems[422] },
    async handler({ auth, body }) {
      const memberIds = [...new Set(body.memberIds)];
      const team = { id: randomUUID(), name: body.name, description: body.description, calendarId: body.calendarId, memberIds };
      await withTenant(db, auth, async (trx) => {
        await checkMembers(trx, auth.orgId, body.memberIds);
        await checkCalendar(trx, auth.orgId, body.calendarId);
        await uniqueName(insertTeam(trx, auth.orgId, team));
        await auditCaller(trx, auth, { action: 'team.created', entityType: 'team', entityId: team.id, data: { name: team.name, calendarId: team.calendarId, memberIds } });
      });
      return { status: 201, body: { id: team.id, name: team.name, description: team.description, calendarId: team.calendarId, memberIds: [...memberIds].sort() } };
    },
  });

  const update = teams.patch('/teams/{id}', {
    access: ACCESS.manageMembers, operationId: 'updateTeam', summary: "Rename a team, or change its description or calendar (null: none)",
    params: TeamParams, body: UpdateTeamBody,
    responses: { 200: { description: 'The team', schema: TeamSchema }, ...changeProblems, ...nameTaken },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        const team = found(await findTeamForUpdate(trx, auth.orgId, params.id), 'Team');
        if (body.calendarId !== undefined) await checkCalendar(trx, auth.orgId, body.calendarId);
        const next: TeamColumns = { name: body.name ?? team.name, description: body.description ?? team.description, calendar_id: body.calendarId === undefined ? team.calendar_id : body.calendarId };
        // What changed, as `{ field: { from, to } }`: nothing changed writes nothing.
        const changes = Object.fromEntries(
          ([['name', 'name'], ['description', 'description'], ['calendarId', 'calendar_id']] as const)
            .filter(([, column]) => next[column] !== team[column])
            .map(([field, column]) => [field, { from: team[column], to: next[column] }]),
        );
        if (Object.keys(changes).length === 0) return team;
        await uniqueName(updateTeam(trx, auth.orgId, params.id, next));
        await auditCaller(trx, auth, { action: 'team.updated', entityType: 'team', entityId: params.id, data: changes });
        return { ...team, ...next } as TeamRow;
      });
      return { status: 200, body: viewOf(row) };
    },
  });

  const members = teams.put('/teams/{id}/members', {
    access: ACCESS.manageMembers, operationId: 'setTeamMembers', summary: "Make the team's members exactly these (active members of the organization)",
    params: TeamParams, body: TeamMembersBody,
    responses: { 200: { description: 'The team', schema: TeamSchema }, ...changeProblems },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        const team = found(await findTeamForUpdate(trx, auth.orgId, params.id), 'Team');
        await checkMembers(trx, auth.orgId, body.memberIds);
        const memberIds = [...new Set(body.memberIds)].sort();
        const added = memberIds.filter((id) => !team.member_ids.includes(id));
        const removed = team.member_ids.filter((id) => !memberIds.includes(id));
        if (added.length === 0 && removed.length === 0) return team;
        await replaceTeamMembers(trx, auth.orgId, params.id, memberIds);
        await auditCaller(trx, auth, { action: 'team.members_changed', entityType: 'team', entityId: params.id, data: { added, removed } });
        return { ...team, member_ids: memberIds };
      });
      return { status: 200, body: viewOf(row) };
    },
  });

  const remove = teams.delete('/teams/{id}', {
    access: ACCESS.manageMembers, operationId: 'deleteTeam',
    summary: 'Delete a team nothing counts on: no ticket that is not closed is assigned to it, and no SLA policy, rule or macro of the organization names it',
    params: TeamParams,
    responses: {
      204: { description: 'Deleted' },
      404: changeProblems[404],
      409: { description: 'Still in use: `detail` says by what (tickets, SLA policies, rules, macros), `references` lists them', schema: ProblemSchema },
    },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        const team = found(await findTeamForUpdate(trx, auth.orgId, params.id), 'Team');
        const references = await teamReferences(trx, auth.orgId, params.id);
        const detail = inUseDetail(team.name, references);
        if (detail !== undefined) throw new Problem(409, 'team-in-use', 'The team is in use', { detail, references });
        await softDeleteTeam(trx, auth.orgId, auth.userId, params.id);
        await auditCaller(trx, auth, { action: 'team.deleted', entityType: 'team', entityId: params.id, data: { name: team.name, calendarId: team.calendar_id, memberIds: team.member_ids } });
      });
      return { status: 204 };
    },
  });

  return [list, create, update, members, remove];
}
