import { randomUUID } from 'node:crypto';
import { createOwnerAccount } from '../../api/auth/organizations';
import { hashPassword } from '../../api/auth/passwords';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';

/**
 * Seeds a demo organization through the public API, so every demo ticket is a real workflow
 * with a real history. Running it twice leaves the first seed in place. Only the organization
 * and its owner are written directly: sign-up through the API waits for a mailed link.
 */
export const DEMO_PASSWORD = 'keel-demo-password';
export const DEMO_LOGINS = [
  { role: 'owner', email: 'admin@demo.keel.dev', name: 'Ada Admin' },
  { role: 'agent', email: 'sam@demo.keel.dev', name: 'Sam Agent' },
  { role: 'agent', email: 'kim@demo.keel.dev', name: 'Kim Agent' },
  { role: 'dispatcher', email: 'dana@demo.keel.dev', name: 'Dana Dispatcher' },
] as const;

const CUSTOMERS = [
  { email: 'maria@northwind.example', name: 'Maria Anders' },
  { email: 'tom@contoso.example', name: 'Tom Baker' },
  { email: 'li@fabrikam.example', name: 'Li Wei' },
];

const TICKETS = [
  { subject: 'Cannot log in after password reset', description: 'I reset my password but the login page says my credentials are wrong.', priority: 'high', tags: ['login'], steps: ['assign:1', 'reply', 'status:pending'] },
  { subject: 'Invoice shows the wrong VAT number', description: 'Our March invoice has the VAT number of another company.', priority: 'normal', tags: ['billing'], steps: ['assign:2', 'note', 'status:on_hold'] },
  { subject: 'Boiler makes a knocking noise', description: 'Since yesterday the boiler in the basement knocks every few minutes.', priority: 'urgent', tags: ['hardware', 'onsite'], steps: ['assign:1'] },
  { subject: 'Feature request: export to CSV', description: 'It would help us a lot to export the report as CSV.', priority: 'low', tags: ['feature-request'], steps: ['reply', 'status:solved'] },
  { subject: 'Delivery arrived damaged', description: 'Two of the five units were broken when they arrived.', priority: 'high', tags: ['shipping'], steps: [] },
  { subject: 'How do I add a second admin?', description: 'We want a colleague to manage users too.', priority: 'normal', tags: ['how-to'], steps: ['assign:2', 'reply', 'status:solved'] },
] as const;

/**
 * The owner is written directly (API sign-up waits for a mailed link); members join through
 * invitations, whose tokens `invitationToken` reads (the demo stack keeps its invitations in
 * memory instead of mailing the demo addresses).
 */
export async function seedDemo(baseUrl: string, db: Db, invitationToken: (email: string) => string | null): Promise<'seeded' | 'already-seeded'> {
  const api = client(baseUrl);
  const [owner, ...members] = DEMO_LOGINS;
  const credentials = { email: owner.email, password: DEMO_PASSWORD };
  if ((await api.call('POST', '/auth/login', credentials)).status === 200) return 'already-seeded';
  const ids = { orgId: randomUUID(), userId: randomUUID() };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTenant(db, ids, (trx) => createOwnerAccount(trx, ids, { organization: 'Demo Co', name: owner.name, email: owner.email, passwordHash }));
  const session = await api.expect(200, 'POST', '/auth/login', credentials);
  api.token = (session as { accessToken: string }).accessToken;

  const agentIds: string[] = [ids.userId];
  for (const member of members) {
    await api.expect(201, 'POST', '/users', member);
    const token = invitationToken(member.email);
    if (!token) throw new Error(`demo invitation for ${member.email} was not sent`);
    const accepted = (await api.expect(200, 'POST', `/invitations/${token}/accept`, { password: DEMO_PASSWORD })) as { user: { id: string } };
    if (member.role === 'agent') agentIds.push(accepted.user.id);
  }
  for (const [index, ticket] of TICKETS.entries()) {
    const requester = CUSTOMERS[index % CUSTOMERS.length];
    const created = (await api.expect(201, 'POST', '/tickets', {
      subject: ticket.subject, description: ticket.description, priority: ticket.priority, tags: ticket.tags, requester, channel: 'email',
    })) as { number: number };
    for (const step of ticket.steps) {
      const [kind, arg] = step.split(':');
      const path = `/tickets/${created.number}`;
      if (kind === 'assign') await api.expect(200, 'POST', `${path}/assign`, { assigneeId: agentIds[Number(arg)] });
      if (kind === 'reply') await api.expect(200, 'POST', `${path}/replies`, { body: 'Thanks for reaching out — we are on it.', visibility: 'public' });
      if (kind === 'note') await api.expect(200, 'POST', `${path}/replies`, { body: 'Checking with finance before answering.', visibility: 'internal' });
      if (kind === 'status') await api.expect(200, 'POST', `${path}/status`, { status: arg });
    }
  }
  return 'seeded';
}

function client(baseUrl: string) {
  const api = {
    token: '',
    async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(api.token && { authorization: `Bearer ${api.token}` }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    async expect(status: number, method: string, path: string, body?: unknown): Promise<unknown> {
      const result = await api.call(method, path, body);
      if (result.status !== status) throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    },
  };
  return api;
}
