import { TICKET_CHANNELS, type TicketStatus } from '../../../domain/ticket/status';
import type { Accounts, Account } from './accounts';
import { inPool, pick, type DemoApi } from './client';
import { COMPANIES, CONTACTS, NOTES, REPLIES, REQUESTS } from './desk-data';

/** How many tickets the demo desk holds, and how many are created at once. */
export const DEMO_TICKETS = 240;
const IN_FLIGHT = 8;

/** The status mix, repeated over the tickets: most are open or done, a few wait. */
const STATUS_CYCLE: TicketStatus[] = [
  'new', 'open', 'solved', 'pending', 'open', 'closed', 'on_hold', 'open', 'solved', 'new',
  'pending', 'closed', 'open', 'solved', 'on_hold', 'new', 'open', 'closed', 'pending', 'solved',
];

export interface DeskSeed {
  teams: Record<'support' | 'billing' | 'field', string>;
  tickets: { number: number; status: string; tags: string[] }[];
  /** Contact ids by e-mail, for assets' site contacts. */
  contacts: Map<string, string>;
  rules: number;
  macros: number;
  mailboxes: { created: number; skipped: string | null };
}

interface Ticket { number: number; status: string; tags: string[]; requester: { id: string; email: string } }

export async function seedDesk(accounts: Accounts, log: (line: string) => void, count = DEMO_TICKETS): Promise<DeskSeed> {
  const admin = accounts.owner.api;
  const agents = accounts.byRole('agent');
  const omar = pick(accounts.byRole('admin'), 0);
  const dana = pick(accounts.byRole('dispatcher'), 0);
  await seedSla(admin);
  // Before the tickets: each contact joins their domain's company when their first ticket is created.
  for (const company of COMPANIES) await admin.expect(201, 'POST', '/companies', { name: company.name, domains: [company.domain] });
  const team = async (name: string, members: Account[]) =>
    (await admin.expect<{ id: string }>(201, 'POST', '/teams', { name, memberIds: members.map((member) => member.id) })).id;
  const teams = {
    support: await team('Support', [pick(agents, 0), pick(agents, 1)]),
    billing: await team('Billing', [pick(agents, 2), omar]),
    field: await team('Field', [dana, pick(agents, 2)]),
  };
  const macros = await seedMacros(admin, teams);
  const rules = await seedRules(admin, teams);
  const mailboxes = await seedMailboxes(admin);

  log('desk settings seeded');
  const plans = Array.from({ length: count }, (_, index) => ticketPlan(index));
  // The first ticket alone warms the workers up (workflow bundle, connections); then eight at a time.
  const [first, ...rest] = plans;
  let done = 0;
  const seed = async (plan: TicketPlan) => {
    const ticket = await seedTicket(admin, agents, teams, plan);
    if (++done % 40 === 0) log(`${done} tickets`);
    return ticket;
  };
  const tickets = first ? [await seed(first), ...(await inPool(rest, IN_FLIGHT, seed))] : [];
  const contacts = new Map(tickets.map((ticket) => [ticket.requester.email, ticket.requester.id]));
  return { teams, tickets: tickets.map(({ number, status, tags }) => ({ number, status, tags })), contacts, rules, macros, mailboxes };
}

/** Office hours in Amsterdam for most tickets; a 90-second 24/7 policy for `express` ones, so some clocks breach soon after seeding. */
async function seedSla(admin: DemoApi): Promise<void> {
  const day = [{ start: '08:00', end: '18:00' }];
  const calendar = await admin.expect<{ id: string }>(201, 'POST', '/calendars', {
    name: 'Amsterdam office hours', timeZone: 'Europe/Amsterdam',
    week: { mon: day, tue: day, wed: day, thu: day, fri: day },
    holidays: [
      { date: '2026-01-01', yearly: true, name: "New Year's Day" },
      { date: '2026-04-27', yearly: true, name: "King's Day" },
      { date: '2026-12-25', yearly: true, name: 'Christmas Day' },
      { date: '2026-12-26', yearly: true, name: 'Boxing Day' },
    ],
  });
  const express = { first_response: 90, resolution: 4 * 3600 };
  await admin.expect(201, 'POST', '/sla-policies', {
    name: 'Express (around the clock)', position: 0, conditions: { tags: ['express'] }, hours: 'calendar',
    targets: { low: express, normal: express, high: express, urgent: express },
  });
  const hour = 3600;
  await admin.expect(201, 'POST', '/sla-policies', {
    name: 'Standard (office hours)', position: 1, hours: 'business', calendarId: calendar.id,
    targets: {
      urgent: { first_response: hour / 2, next_response: hour, resolution: 4 * hour },
      high: { first_response: hour, next_response: 2 * hour, resolution: 8 * hour },
      normal: { first_response: 4 * hour, next_response: 8 * hour, resolution: 30 * hour },
      low: { first_response: 8 * hour, resolution: 50 * hour },
    },
  });
}

async function seedMacros(admin: DemoApi, teams: DeskSeed['teams']): Promise<number> {
  const macros = [
    {
      name: 'Ask for a screenshot',
      reply: { body: 'Hi {{requester.name}}, thanks for ticket #{{ticket.number}}. Could you send us a screenshot of what you see? — {{agent.name}}', visibility: 'public' },
      actions: [{ type: 'add_tags', tags: ['needs-info'] }, { type: 'set_status', status: 'pending' }],
    },
    {
      name: 'Refund confirmed',
      reply: { body: 'Hi {{requester.name}}, we have issued the refund for #{{ticket.number}}; it reaches your account within five working days. — {{agent.name}}', visibility: 'public' },
      actions: [{ type: 'add_tags', tags: ['refund'] }, { type: 'assign_team', teamId: teams.billing }, { type: 'set_status', status: 'solved' }],
    },
    {
      name: 'Send a technician',
      reply: { body: 'Needs a visit on site: please plan a work order for #{{ticket.number}}.', visibility: 'internal' },
      actions: [{ type: 'assign_team', teamId: teams.field }, { type: 'add_tags', tags: ['onsite'] }, { type: 'set_priority', priority: 'high' }],
    },
    {
      name: 'Take it myself',
      reply: { body: '', visibility: 'public' },
      actions: [{ type: 'assign_agent', agentId: 'me' }, { type: 'set_status', status: 'open' }],
    },
    {
      name: 'Solved: how-to answered',
      reply: { body: 'Hi {{requester.name}}, the steps are in our help centre under "Getting started". Reply to this e-mail if anything is unclear. — {{agent.name}}', visibility: 'public' },
      actions: [{ type: 'add_tags', tags: ['how-to'] }, { type: 'set_status', status: 'solved' }],
    },
  ];
  for (const macro of macros) await admin.expect(201, 'POST', '/macros', macro);
  return macros.length;
}

async function seedRules(admin: DemoApi, teams: DeskSeed['teams']): Promise<number> {
  const rules = [
    {
      name: 'Billing questions go to the Billing team', events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.tags', operator: 'contains', value: 'billing' }] },
      actions: [{ type: 'assign_team', teamId: teams.billing, strategy: 'team_only' }],
    },
    {
      name: 'Urgent tickets are escalated', events: ['ticket.created', 'ticket.updated'],
      conditions: { all: [{ fact: 'ticket.priority', operator: 'equal', value: 'urgent' }, { fact: 'ticket.tags', operator: 'notContains', value: 'escalated' }] },
      actions: [{ type: 'add_tags', tags: ['escalated'] }],
    },
    {
      name: 'Refund requests are high priority', events: ['ticket.created'],
      conditions: { any: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }, { fact: 'ticket.subject', operator: 'contains', value: 'Refund' }] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    },
    {
      name: 'On-site problems go to the Field team', events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.tags', operator: 'contains', value: 'onsite' }] },
      actions: [{ type: 'assign_team', teamId: teams.field, strategy: 'team_only' }],
    },
  ];
  for (const rule of rules) await admin.expect(201, 'POST', '/rules', rule);
  return rules.length;
}

/**
 * Mailboxes that take mail through Keel's own inbound SMTP listener and reply through the
 * system mailer: neither needs an outside IMAP or SMTP server.
 */
async function seedMailboxes(admin: DemoApi): Promise<DeskSeed['mailboxes']> {
  const boxes = [
    { name: 'Support', address: 'support@demo.keel.dev', inboundMode: 'smtp' },
    { name: 'Billing', address: 'billing@demo.keel.dev', inboundMode: 'smtp', acknowledge: false },
  ];
  let created = 0;
  for (const box of boxes) {
    const result = await admin.call('POST', '/mailboxes', box);
    if (result.status !== 201) return { created, skipped: `POST /mailboxes → ${result.status} ${JSON.stringify(result.body)}` };
    created++;
  }
  return { created, skipped: null };
}

interface TicketPlan {
  index: number;
  subject: string;
  description: string;
  priority: string;
  tags: string[];
  channel: string;
  requester: { email: string; name: string };
  status: TicketStatus;
}

function ticketPlan(index: number): TicketPlan {
  const request = pick(REQUESTS, index);
  const round = Math.floor(index / REQUESTS.length);
  // Every 20th ticket is an express one: half left unanswered (their clock breaches), half answered (met).
  const express = index % 20 === 7;
  const status = express ? (index % 40 === 7 ? 'new' : 'open') : pick(STATUS_CYCLE, index);
  return {
    index,
    subject: round === 0 ? request.subject : `${request.subject} (${pick(['again', 'follow-up', 'second site', 'other office', 'still open', 'new case', 'another unit', 'once more'], round - 1)})`,
    description: request.description,
    priority: request.priority,
    tags: express ? [...request.tags, 'express'] : request.tags,
    channel: pick(TICKET_CHANNELS, index + round),
    requester: pick(CONTACTS, index * 7),
    status,
  };
}

/** One ticket through the API: created, then worked by an agent into its planned status. */
async function seedTicket(admin: DemoApi, agents: Account[], teams: DeskSeed['teams'], plan: TicketPlan): Promise<Ticket> {
  const { subject, description, priority, tags, channel, requester } = plan;
  let ticket = await admin.expect<Ticket>(201, 'POST', '/tickets', { subject, description, priority, tags, channel, requester });
  const path = `/tickets/${ticket.number}`;
  const agent = pick(agents, plan.index);
  const step = async (method: string, suffix: string, body: unknown) => {
    ticket = { ...ticket, ...(await agent.api.expect<Partial<Ticket>>(200, method, `${path}${suffix}`, body)) };
  };
  if (plan.status === 'new') {
    if (plan.index % 3 === 0) await step('POST', '/replies', { body: pick(NOTES, plan.index), visibility: 'internal' });
    return ticket;
  }
  await step('POST', '/assign', { assigneeId: agent.id, ...(tags.includes('onsite') ? { teamId: teams.field } : {}) });
  if (plan.status === 'on_hold' || plan.index % 4 === 1) await step('POST', '/replies', { body: pick(NOTES, plan.index), visibility: 'internal' });
  if (plan.status !== 'on_hold') await step('POST', '/replies', { body: pick(REPLIES, plan.index), visibility: 'public' });
  const route: TicketStatus[] = plan.status === 'closed' ? ['solved', 'closed'] : [plan.status];
  for (const status of route) if (ticket.status !== status) await step('POST', '/status', { status });
  return ticket;
}
