import { randomUUID } from 'node:crypto';
import { createOwnerAccount } from '../../../api/auth/organizations';
import { hashPassword } from '../../../api/auth/passwords';
import type { Db } from '../../../db/connection';
import { withTenant } from '../../../db/tenant';
import type { DemoApi } from './client';

export const DEMO_PASSWORD = 'keel-demo-password';

/** Every demo login; all share DEMO_PASSWORD. The first is the owner. */
export const DEMO_LOGINS = [
  { role: 'owner', email: 'admin@demo.keel.dev', name: 'Ada Admin' },
  { role: 'admin', email: 'omar@demo.keel.dev', name: 'Omar Okafor' },
  { role: 'agent', email: 'sam@demo.keel.dev', name: 'Sam Agent' },
  { role: 'agent', email: 'kim@demo.keel.dev', name: 'Kim Agent' },
  { role: 'agent', email: 'lena@demo.keel.dev', name: 'Lena Vos' },
  { role: 'dispatcher', email: 'dana@demo.keel.dev', name: 'Dana Dispatcher' },
  { role: 'technician', email: 'tess@demo.keel.dev', name: 'Tess Technician' },
  { role: 'technician', email: 'theo@demo.keel.dev', name: 'Theo Bakker' },
] as const;

export type DemoLogin = (typeof DEMO_LOGINS)[number];
export interface Account { login: DemoLogin; id: string; api: DemoApi }
export interface Accounts {
  owner: Account;
  all: Account[];
  byRole(role: DemoLogin['role']): Account[];
}

/**
 * The owner is written directly (API sign-up waits for a mailed link); members join through
 * invitations, whose tokens `invitationToken` reads, and each logs in for its own work.
 */
export async function seedAccounts(api: DemoApi, db: Db, invitationToken: (email: string) => string | null): Promise<Accounts | 'already-seeded'> {
  const [ownerLogin, ...members] = DEMO_LOGINS;
  const credentials = { email: ownerLogin.email, password: DEMO_PASSWORD };
  if ((await api.call('POST', '/auth/login', credentials)).status === 200) return 'already-seeded';
  const ids = { orgId: randomUUID(), userId: randomUUID() };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTenant(db, ids, (trx) => createOwnerAccount(trx, ids, { organization: 'Demo Co', name: ownerLogin.name, email: ownerLogin.email, passwordHash }));
  const session = await api.expect<{ accessToken: string }>(200, 'POST', '/auth/login', credentials);
  const owner: Account = { login: ownerLogin, id: ids.userId, api: api.as(session.accessToken) };

  const all: Account[] = [owner];
  for (const member of members) {
    await owner.api.expect(201, 'POST', '/users', member);
    const token = invitationToken(member.email);
    if (!token) throw new Error(`demo invitation for ${member.email} was not sent`);
    const accepted = await api.expect<{ user: { id: string } }>(200, 'POST', `/invitations/${token}/accept`, { password: DEMO_PASSWORD });
    const login = await api.expect<{ accessToken: string }>(200, 'POST', '/auth/login', { email: member.email, password: DEMO_PASSWORD });
    all.push({ login: member, id: accepted.user.id, api: api.as(login.accessToken) });
  }
  return { owner, all, byRole: (role) => all.filter((account) => account.login.role === role) };
}
