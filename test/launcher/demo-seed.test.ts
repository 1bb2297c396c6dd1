import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../bin/lib/demo-seed';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../domain/ticket/status';
import { ApiClient } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { stackForSuite } from '../helpers/suite-stack';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
stackForSuite(async () => ({ stack: await startTestStack({ worker: true }) }), (started) => ({ stack } = started));

const loginOf = (role: string) => {
  const login = DEMO_LOGINS.find((candidate) => candidate.role === role);
  if (!login) throw new Error(`no demo ${role}`);
  return login;
};

async function session(role: string): Promise<ApiClient> {
  const api = new ApiClient(stack.url);
  const login = await api.post('/auth/login', { email: loginOf(role).email, password: DEMO_PASSWORD });
  expect(login.status, role).toBe(200);
  return api.as(login.body.accessToken);
}

async function allTickets(api: ApiClient): Promise<any[]> {
  const tickets: any[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { data: any[]; nextCursor: string | null } } = await api.get(`/tickets?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    tickets.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return tickets;
}

describe('the demo seed', () => {
  it('seeds an organization a visitor can explore, once', async () => {
    const seeded = await seedDemo(stack.url, stack.db, invitationToken);
    expect(seeded.outcome).toBe('seeded');
    for (const login of DEMO_LOGINS) await session(login.role);
    const roles = DEMO_LOGINS.map((login) => login.role);
    expect(roles.filter((role) => role === 'agent')).toHaveLength(3);
    expect(roles.filter((role) => role === 'technician')).toHaveLength(2);
    expect(roles).toEqual(expect.arrayContaining(['owner', 'admin', 'dispatcher']));

    const admin = await session('owner');
    const tickets = await allTickets(admin);
    // Its companies are records, and every contact on one of their domains joined it.
    const companies = (await admin.get('/companies')).body.data as { contactCount: number }[];
    expect(companies).toHaveLength(6);
    expect(companies.reduce((sum, company) => sum + company.contactCount, 0)).toBeGreaterThanOrEqual(25);
    expect(tickets.length).toBeGreaterThanOrEqual(200);
    expect(new Set(tickets.map((ticket) => ticket.status))).toEqual(new Set(TICKET_STATUSES));
    expect(new Set(tickets.map((ticket) => ticket.channel))).toEqual(new Set(TICKET_CHANNELS));
    expect(new Set(tickets.map((ticket) => ticket.priority)).size).toBe(4);

    const rules = (await admin.get('/rules')).body.data;
    const enabled = rules.filter((rule: any) => rule.enabled);
    expect(enabled.length).toBeGreaterThanOrEqual(3);
    expect(enabled.filter((rule: any) => rule.fireCount > 0).length).toBeGreaterThanOrEqual(3);
    // The rules did their work on the tickets: urgent ones are escalated, billing ones are the Billing team's.
    const teams = (await admin.get('/teams')).body.data;
    expect(teams.map((team: any) => team.name).sort()).toEqual(['Billing', 'Field', 'Support']);
    expect(teams.every((team: any) => team.memberIds.length > 0)).toBe(true);
    const billing = teams.find((team: any) => team.name === 'Billing');
    expect(tickets.filter((ticket) => ticket.priority === 'urgent').every((ticket) => ticket.tags.includes('escalated'))).toBe(true);
    expect(tickets.filter((ticket) => ticket.tags.includes('billing')).every((ticket) => ticket.teamId === billing.id)).toBe(true);
    expect((await admin.get('/macros')).body.data.length).toBeGreaterThanOrEqual(4);

    // SLA clocks in every state a visitor should see.
    const states = new Set<string>();
    for (const ticket of tickets.slice(0, 60)) {
      for (const clock of (await admin.get(`/tickets/${ticket.number}/sla`)).body.data) states.add(clock.state);
    }
    expect([...states]).toEqual(expect.arrayContaining(['running', 'met', 'paused']));
    // Unanswered express tickets are on a 90-second around-the-clock policy: due within minutes.
    const express = tickets.filter((ticket) => ticket.tags.includes('express') && ticket.status === 'new');
    expect(express.length).toBeGreaterThan(0);
    for (const ticket of express) {
      const clock = (await admin.get(`/tickets/${ticket.number}/sla`)).body.data.find((c: any) => c.target === 'first_response');
      expect(clock).toMatchObject({ targetSeconds: 90 });
      expect(['running', 'breached']).toContain(clock.state);
    }

    const dispatcher = await session('dispatcher');
    const technicians = (await dispatcher.get('/technicians')).body.data;
    expect(technicians).toHaveLength(2);
    expect(technicians.every((technician: any) => technician.skills.length >= 2)).toBe(true);
    expect(technicians.flatMap((technician: any) => technician.certifications.map((c: any) => c.expiry))).toContain('expiring');
    expect((await dispatcher.get('/maintenance-plans')).body.data.length).toBeGreaterThanOrEqual(1);
    expect((await dispatcher.get('/assets')).body.data.length).toBeGreaterThanOrEqual(4);
    const workOrders = (await dispatcher.get('/work-orders?limit=200')).body.data;
    expect(new Set(workOrders.map((wo: any) => wo.status)).size).toBeGreaterThanOrEqual(5);
    if (seeded.outcome !== 'seeded') throw new Error('not seeded');
    const plan = (await dispatcher.get(`/dispatch/plans/${seeded.field.dispatch.id}`)).body;
    expect(plan).toMatchObject({ status: 'proposed', date: seeded.field.dispatch.date });
    expect(plan.proposal.summary.assigned).toBeGreaterThan(0);

    // The technician named in the README opens /tech and sees today's jobs.
    const technician = await session('technician');
    const jobs = await technician.get('/technicians/me/jobs');
    expect(jobs.status).toBe(200);
    expect(jobs.body.data.length).toBeGreaterThanOrEqual(2);

    expect((await seedDemo(stack.url, stack.db, invitationToken)).outcome).toBe('already-seeded');
    expect((await allTickets(admin)).length).toBe(tickets.length);
  }, 400_000);
});
