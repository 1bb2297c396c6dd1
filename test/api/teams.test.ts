import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { addMember, newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
});
afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

const officeHours = [{ start: '09:00', end: '17:00' }];
const calendarBody = (name: string) => ({ name, timeZone: 'Europe/Berlin', week: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours } });
const auditOf = (org: Org, teamId: string) =>
  owner('audit_log').where({ org_id: org.orgId, entity_type: 'team', entity_id: teamId }).orderBy('id').select('action', 'actor_id', 'data');
const put = (member: { api: Org['api'] }, path: string, body: unknown) => member.api.request('PUT', path, body);
const teamsOf = async (org: Org) => (await org.api.get('/teams')).body.data as { id: string; name: string; description: string; calendarId: string | null; memberIds: string[] }[];

describe("a team's settings", () => {
  let org: Org;
  let admin: Member;
  let first: Member;
  let second: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    [admin, first, second] = [await addMember(org, 'admin'), await addMember(org, 'agent'), await addMember(org, 'agent')];
  });

  it('an admin creates a team with a calendar, renames and describes it, changes its members: each change audited with what changed', async () => {
    const calendar = (await org.api.post('/calendars', calendarBody('Berlin office'))).body;
    const created = await admin.api.post('/teams', { name: 'Billing', memberIds: [first.id], calendarId: calendar.id });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Billing', description: '', calendarId: calendar.id, memberIds: [first.id] });
    const id = created.body.id as string;

    // The calendar is the team's working hours now: it cannot be deleted from under it.
    const calendarRefused = await org.api.delete(`/calendars/${calendar.id}`);
    expect(calendarRefused.status).toBe(409);
    expect(calendarRefused.body.detail).toBe('Team “Billing” works its hours.');

    const renamed = await admin.api.patch(`/teams/${id}`, { name: 'Billing & refunds', description: 'Invoices, refunds, chargebacks' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Billing & refunds', description: 'Invoices, refunds, chargebacks', calendarId: calendar.id });
    // Sending what is already there changes nothing and writes no audit line.
    expect((await admin.api.patch(`/teams/${id}`, { name: 'Billing & refunds' })).status).toBe(200);
    expect((await admin.api.patch(`/teams/${id}`, { calendarId: null })).body.calendarId).toBeNull();
    expect((await org.api.delete(`/calendars/${calendar.id}`)).status).toBe(204);

    expect((await put(admin, `/teams/${id}/members`, { memberIds: [first.id, second.id] })).body.memberIds).toEqual([first.id, second.id].sort());
    expect((await put(admin, `/teams/${id}/members`, { memberIds: [second.id, second.id] })).body.memberIds).toEqual([second.id]);
    expect((await put(admin, `/teams/${id}/members`, { memberIds: [second.id] })).status).toBe(200);

    expect((await teamsOf(org)).find((team) => team.id === id)).toEqual({ id, name: 'Billing & refunds', description: 'Invoices, refunds, chargebacks', calendarId: null, memberIds: [second.id] });
    expect(await auditOf(org, id)).toEqual([
      { action: 'team.created', actor_id: admin.id, data: { name: 'Billing', calendarId: calendar.id, memberIds: [first.id] } },
      { action: 'team.updated', actor_id: admin.id, data: { name: { from: 'Billing', to: 'Billing & refunds' }, description: { from: '', to: 'Invoices, refunds, chargebacks' } } },
      { action: 'team.updated', actor_id: admin.id, data: { calendarId: { from: calendar.id, to: null } } },
      { action: 'team.members_changed', actor_id: admin.id, data: { added: [second.id], removed: [] } },
      { action: 'team.members_changed', actor_id: admin.id, data: { added: [], removed: [first.id] } },
    ]);
  });

  it('keeps team names unique in the organization, whatever their case (409 pointing at the name)', async () => {
    const night = (await org.api.post('/teams', { name: 'Night shift' })).body;
    const day = (await org.api.post('/teams', { name: 'Day shift' })).body;
    for (const refused of [await org.api.post('/teams', { name: 'Night shift' }), await org.api.post('/teams', { name: 'NIGHT SHIFT' }), await org.api.patch(`/teams/${day.id}`, { name: 'night shift' })]) {
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: expect.stringMatching(/team-name-taken$/), errors: [{ pointer: '/name' }] });
    }
    expect((await teamsOf(org)).filter((team) => team.name.toLowerCase() === 'night shift')).toEqual([expect.objectContaining({ id: night.id })]);
    // Another organization has its own names.
    expect((await (await signupOrg(stack.url)).api.post('/teams', { name: 'Night shift' })).status).toBe(201);
  });

  it('refuses as members anyone who is not an active member of the organization, and a calendar that is not its own (422)', async () => {
    const team = (await org.api.post('/teams', { name: 'Tier 2', memberIds: [first.id] })).body;
    const other = await signupOrg(stack.url);
    const stranger = await addMember(other, 'agent');
    const leaver = await addMember(org, 'agent');
    expect((await org.api.post(`/users/${leaver.id}/deactivate`)).status).toBe(200);

    const foreign = await put(org, `/teams/${team.id}/members`, { memberIds: [first.id, stranger.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ type: expect.stringMatching(/unknown-member$/), errors: [{ pointer: '/memberIds/1' }] });
    const deactivated = await put(org, `/teams/${team.id}/members`, { memberIds: [leaver.id] });
    expect(deactivated.status).toBe(422);
    expect(deactivated.body.errors).toEqual([{ pointer: '/memberIds/0', message: `${leaver.id} is not an active member.` }]);
    expect((await org.api.post('/teams', { name: 'With a leaver', memberIds: [leaver.id] })).status).toBe(422);

    const theirCalendar = (await other.api.post('/calendars', calendarBody('Theirs'))).body;
    const calendar = await org.api.patch(`/teams/${team.id}`, { calendarId: theirCalendar.id });
    expect(calendar.status).toBe(422);
    expect(calendar.body).toMatchObject({ type: expect.stringMatching(/unknown-calendar$/), errors: [{ pointer: '/calendarId' }] });
    expect((await org.api.patch(`/teams/${team.id}`, {})).status).toBe(400);

    expect((await teamsOf(org)).find((row) => row.id === team.id)).toMatchObject({ memberIds: [first.id], calendarId: null });
    expect((await teamsOf(org)).map((row) => row.name)).not.toContain('With a leaver');
    expect(await auditOf(org, team.id)).toHaveLength(1);
  });

  it('lets agents read teams but not change them, and shows another organization no such team', async () => {
    const team = (await org.api.post('/teams', { name: 'Escalations', memberIds: [first.id] })).body;
    expect((await first.api.get('/teams')).body.data).toContainEqual(team);
    for (const refused of [await first.api.patch(`/teams/${team.id}`, { name: 'Mine' }), await put(first, `/teams/${team.id}/members`, { memberIds: [] }), await first.api.delete(`/teams/${team.id}`)]) {
      expect(refused.status).toBe(403);
    }
    const other = await signupOrg(stack.url);
    for (const refused of [await other.api.patch(`/teams/${team.id}`, { name: 'Ours' }), await put(other, `/teams/${team.id}/members`, { memberIds: [] }), await other.api.delete(`/teams/${team.id}`)]) {
      expect(refused.status).toBe(404);
    }
    expect((await teamsOf(org)).find((row) => row.id === team.id)).toEqual(team);
    expect(await auditOf(org, team.id)).toHaveLength(1);
  });
});

describe('deleting a team', () => {
  it('is refused while work counts on it, saying what does; once clear the team goes, its name is free and its closed tickets keep it', async () => {
    const org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    const team = (await org.api.post('/teams', { name: 'Hardware', memberIds: [agent.id] })).body;
    const ticket = (await org.api.post('/tickets', newTicket())).body;
    expect((await org.api.post(`/tickets/${ticket.number}/assign`, { teamId: team.id })).status).toBe(200);
    const policy = (await org.api.post('/sla-policies', { name: 'Hardware first', conditions: { teamIds: [team.id] }, targets: { normal: { first_response: 3600 } } })).body;
    const rule = await org.api.post('/rules', {
      name: 'Printers to hardware', events: ['ticket.created'], conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'printer' }] },
      actions: [{ type: 'assign_team', teamId: team.id, strategy: 'round_robin' }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const macro = (await org.api.post('/macros', { name: 'Send to hardware', actions: [{ type: 'assign_team', teamId: team.id }] })).body;

    const refused = await org.api.delete(`/teams/${team.id}`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toMatch(/team-in-use$/);
    expect(refused.body.detail).toBe(
      `Team “Hardware” is still in use: 1 ticket that is not closed is assigned to it (#${ticket.number}); SLA policy “Hardware first” names it; `
      + 'automation rule “Printers to hardware” names it; macro “Send to hardware” assigns to it. Reassign or change them first.',
    );
    expect(refused.body.references).toEqual({ openTickets: { count: 1, numbers: [ticket.number] }, slaPolicies: ['Hardware first'], rules: ['Printers to hardware'], macros: ['Send to hardware'] });

    expect((await org.api.delete(`/sla-policies/${policy.id}`)).status).toBe(204);
    expect((await org.api.delete(`/rules/${rule.body.id}`)).status).toBe(204);
    expect((await org.api.delete(`/macros/${macro.id}`)).status).toBe(204);
    // A solved ticket can still reopen into the team's queue.
    expect((await org.api.post(`/tickets/${ticket.number}/status`, { status: 'solved' })).status).toBe(200);
    const solved = await org.api.delete(`/teams/${team.id}`);
    expect(solved.status).toBe(409);
    expect(solved.body.detail).toBe(`Team “Hardware” is still in use: 1 ticket that is not closed is assigned to it (#${ticket.number}). Reassign or change those tickets first.`);

    expect((await org.api.post(`/tickets/${ticket.number}/status`, { status: 'closed' })).status).toBe(200);
    expect((await org.api.delete(`/teams/${team.id}`)).status).toBe(204);

    expect((await teamsOf(org)).map((row) => row.id)).not.toContain(team.id);
    expect((await org.api.get(`/tickets/${ticket.number}`)).body.teamId).toBe(team.id);
    expect((await org.api.delete(`/teams/${team.id}`)).status).toBe(404);
    expect((await org.api.patch(`/teams/${team.id}`, { name: 'Back' })).status).toBe(404);
    const next = (await org.api.post('/tickets', newTicket())).body;
    const assign = await org.api.post(`/tickets/${next.number}/assign`, { teamId: team.id });
    expect(assign.status).toBe(422);
    expect(assign.body.type).toMatch(/unknown-team$/);
    expect((await org.api.post('/sla-policies', { name: 'Late', conditions: { teamIds: [team.id] }, targets: { normal: { first_response: 60 } } })).status).toBe(422);
    expect((await org.api.post('/teams', { name: 'hardware' })).status).toBe(201);

    const lines = await auditOf(org, team.id);
    expect(lines.at(-1)).toEqual({ action: 'team.deleted', actor_id: org.owner.id, data: { name: 'Hardware', calendarId: null, memberIds: [agent.id] } });
    expect(lines.map((line) => line.action)).toEqual(['team.created', 'team.deleted']);
  });
});
