import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { accountMailSink, mailSoFar, resetTokenFor } from '../helpers/account-mail';
import { connectAsApp } from '../helpers/app-db';
import { ApiClient, PASSWORD, addMember, signupOrg, type Org } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { startTestStack, type TestStack } from '../helpers/test-stack';

// Tests tell callers apart by X-Forwarded-For, as a reverse proxy would (read when the app is built).
process.env.KEEL_TRUST_PROXY = 'true';
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

const NEW_PASSWORD = 'a brand new passphrase';

let stack: TestStack;
let owner: Db;
let anonymous: ApiClient;
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  anonymous = new ApiClient(stack.url);
});
afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

const logIn = (email: string, password: string) => anonymous.post('/auth/login', { email, password }, { 'x-forwarded-for': uniqueIp() });
const askReset = (email: string) => anonymous.post('/auth/password-reset', { email });
const auditActions = async (orgId: string, userId: string) =>
  (await owner('audit_log').where({ org_id: orgId, entity_type: 'user', entity_id: userId }).orderBy('id').select('action', 'actor_id', 'data'));

describe('asking for a password reset', () => {
  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const org = await signupOrg(stack.url);
    const nobody = `nobody-${randomUUID()}@example.com`;
    const unknown = await askReset(nobody);
    const known = await askReset(org.owner.email);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));

    const mail = await (await accountMailSink()).messageTo(org.owner.email, (message) => /reset-password\?token=/.test(message.text ?? ''));
    expect(mail.subject).toBe('Reset your Keel password');
    expect(mail.text).toMatch(/^http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43}$/m);
    expect(mailSoFar().some((message) => JSON.stringify(message.to).includes(nobody))).toBe(false);
  });

  it('refuses a malformed address with a 400 problem pointing at it', async () => {
    const response = await askReset('not-an-email');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ pointer: '/email', message: expect.any(String) }]);
  });

  it('rate-limits per address with 429 and Retry-After, the same for an address with no login', async () => {
    const limited = await startTestStack({ worker: false, signupLimits: { perEmailPerHour: 2 } });
    try {
      const client = new ApiClient(limited.url);
      const org = await signupOrg(limited.url);
      const statusesFor = async (email: string) => {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          const response = await client.post('/auth/password-reset', { email }, { 'x-forwarded-for': uniqueIp() });
          statuses.push(response.status);
          if (response.status === 429) {
            expect(response.headers.get('content-type')).toContain('application/problem+json');
            expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          }
        }
        return statuses;
      };
      expect(await statusesFor(org.owner.email)).toEqual([202, 202, 429]);
      expect(await statusesFor(`ghost-${randomUUID()}@example.com`)).toEqual([202, 202, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('an admin sends a member a reset link', () => {
  it("mails the member a link that sets their password, audited; not for agents, other orgs or deactivated members", async () => {
    const org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    const sent = await org.api.post(`/users/${agent.id}/password-reset`);
    expect(sent.status).toBe(202);
    const mail = await (await accountMailSink()).messageTo(agent.email, (message) => /reset-password\?token=/.test(message.text ?? ''));
    expect(mail.subject).toMatch(/^Set a new Keel password \(sent by /);
    expect(mail.text).toContain('an administrator of');
    const token = await resetTokenFor(agent.email);
    expect((await anonymous.post('/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await logIn(agent.email, NEW_PASSWORD)).status).toBe(200);
    expect((await auditActions(org.orgId, agent.id)).map((line) => [line.action, line.actor_id])).toContainEqual(['user.password_reset_sent', org.owner.id]);

    const colleague = await addMember(org, 'agent');
    expect((await colleague.api.post(`/users/${agent.id}/password-reset`)).status).toBe(403);
    const other = await signupOrg(stack.url);
    expect((await other.api.post(`/users/${agent.id}/password-reset`)).status).toBe(404);
    expect((await org.api.post(`/users/${colleague.id}/deactivate`)).status).toBe(200);
    expect((await org.api.post(`/users/${colleague.id}/password-reset`)).status).toBe(404);
  });
});

describe('following the reset link', () => {
  it('sets the new password once, signs out every session, and audits it', async () => {
    const org = await signupOrg(stack.url);
    const second = await logIn(org.owner.email, PASSWORD);
    expect(second.status).toBe(200);
    expect((await askReset(org.owner.email)).status).toBe(202);
    const token = await resetTokenFor(org.owner.email);

    const reset = await anonymous.post('/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(reset.status).toBe(204);

    // Every session ended: refresh tokens and the access tokens bound to them.
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(401);
    expect((await anonymous.post('/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
    expect((await org.api.get('/me')).status).toBe(401);
    expect((await anonymous.as(second.body.accessToken).get('/me')).status).toBe(401);

    expect((await logIn(org.owner.email, PASSWORD)).status).toBe(401);
    const login = await logIn(org.owner.email, NEW_PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(org.owner.id);

    const again = await anonymous.post('/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.type).toMatch(/reset-link-used$/);
    expect((await logIn(org.owner.email, NEW_PASSWORD)).status).toBe(200);

    const notice = await (await accountMailSink()).messageTo(org.owner.email, (mail) => mail.subject === 'Your Keel password was changed');
    expect(notice.text).not.toMatch(/token=/);
    const audit = await auditActions(org.orgId, org.owner.id);
    expect(audit).toContainEqual({ action: 'user.password_reset', actor_id: org.owner.id, data: { via: 'email_link', sessionsEnded: expect.any(Number) } });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('stores only a hash of the token', async () => {
    const org = await signupOrg(stack.url);
    await askReset(org.owner.email);
    const token = await resetTokenFor(org.owner.email);
    const rows = await owner('password_resets').where({ user_id: org.owner.id }).select('token_hash');
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
  });

  it('keeps the table out of the app role’s reach: it can neither read links nor plant one', async () => {
    const org = await signupOrg(stack.url);
    await askReset(org.owner.email);
    await resetTokenFor(org.owner.email);
    const app = connectAsApp();
    try {
      expect(await app('password_resets').select('token_hash')).toEqual([]);
      await expect(app('password_resets').insert({ id: randomUUID(), user_id: org.owner.id, token_hash: 'planted', expires_at: new Date(Date.now() + 3_600_000) }))
        .rejects.toThrow(/row-level security/);
    } finally {
      await app.destroy();
    }
  });

  it('refuses an expired link with a 410 problem and leaves the password alone', async () => {
    const org = await signupOrg(stack.url);
    await askReset(org.owner.email);
    const token = await resetTokenFor(org.owner.email);
    await owner('password_resets').where({ token_hash: createHash('sha256').update(token).digest('hex') }).update({ expires_at: new Date(Date.now() - 1000) });

    const response = await anonymous.post('/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(response.status).toBe(410);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: expect.stringMatching(/reset-link-expired$/), title: 'This password-reset link has expired' });
    expect((await logIn(org.owner.email, PASSWORD)).status).toBe(200);
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(200);
  });

  it('refuses an unknown token', async () => {
    const response = await anonymous.post('/auth/password-reset/confirm', { token: 'not-a-real-token', password: NEW_PASSWORD });
    expect(response.status).toBe(410);
    expect(response.body.type).toMatch(/reset-link-invalid$/);
  });

  it('refuses a weak password naming the rule, without spending the link', async () => {
    const org = await signupOrg(stack.url);
    await askReset(org.owner.email);
    const token = await resetTokenFor(org.owner.email);
    const weak = await anonymous.post('/auth/password-reset/confirm', { token, password: 'password12' });
    expect(weak.status).toBe(400);
    expect(weak.headers.get('content-type')).toContain('application/problem+json');
    expect(weak.body.errors).toEqual([{ pointer: '/password', message: expect.stringMatching(/most common passwords/) }]);
    expect((await logIn(org.owner.email, PASSWORD)).status).toBe(200);

    expect((await anonymous.post('/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
  });

  it('works only with the newest link when several were asked for', async () => {
    const org = await signupOrg(stack.url);
    await askReset(org.owner.email);
    const first = await resetTokenFor(org.owner.email, 1);
    await askReset(org.owner.email);
    const second = await resetTokenFor(org.owner.email, 2);
    expect(second).not.toBe(first);
    expect((await anonymous.post('/auth/password-reset/confirm', { token: first, password: NEW_PASSWORD })).body.type).toMatch(/reset-link-used$/);
    expect((await anonymous.post('/auth/password-reset/confirm', { token: second, password: NEW_PASSWORD })).status).toBe(204);
  });

  it('signs the person out of every organization they belong to', async () => {
    const first = await signupOrg(stack.url);
    const second = await signupOrg(stack.url);
    expect((await second.api.post('/users', { email: first.owner.email, name: 'Owner', role: 'agent' })).status).toBe(201);
    expect((await first.api.post(`/invitations/${invitationToken(first.owner.email)}/accept`, {})).status).toBe(200);
    const inSecond = await anonymous.post('/auth/login', { email: first.owner.email, password: PASSWORD, organization: (await second.api.get('/me')).body.organization.slug });
    expect(inSecond.status).toBe(200);

    await askReset(first.owner.email);
    expect((await anonymous.post('/auth/password-reset/confirm', { token: await resetTokenFor(first.owner.email), password: NEW_PASSWORD })).status).toBe(204);
    expect((await first.api.get('/me')).status).toBe(401);
    expect((await anonymous.as(inSecond.body.accessToken).get('/me')).status).toBe(401);
    expect(await auditActions(second.orgId, first.owner.id)).toContainEqual(expect.objectContaining({ action: 'user.password_reset' }));
  });
});

describe('changing the password while signed in', () => {
  async function withOtherSession(): Promise<Org & { other: { accessToken: string; refreshToken: string } }> {
    const org = await signupOrg(stack.url);
    const other = await logIn(org.owner.email, PASSWORD);
    expect(other.status).toBe(200);
    return { ...org, other: other.body };
  }

  it('refuses a wrong current password with a 422 problem pointing at it, changing nothing', async () => {
    const org = await withOtherSession();
    const response = await org.api.post('/auth/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.type).toMatch(/wrong-password$/);
    expect(response.body.errors).toEqual([{ pointer: '/currentPassword', message: expect.any(String) }]);
    expect((await logIn(org.owner.email, PASSWORD)).status).toBe(200);
    expect((await anonymous.as(org.other.accessToken).get('/me')).status).toBe(200);
  });

  it('refuses a weak new password by the policy', async () => {
    const org = await signupOrg(stack.url);
    const response = await org.api.post('/auth/password', { currentPassword: PASSWORD, newPassword: 'aaaaaaaaaaaa' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ pointer: '/newPassword', message: expect.stringMatching(/one character repeated/) }]);
  });

  it('needs a signed-in caller', async () => {
    const response = await anonymous.post('/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(response.status).toBe(401);
  });

  it('changes it, keeps this session, signs out the others, spends open reset links, and audits it', async () => {
    const org = await withOtherSession();
    await askReset(org.owner.email);
    const openLink = await resetTokenFor(org.owner.email);

    const response = await org.api.post('/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sessionsEnded: 1 });

    expect((await org.api.get('/me')).status).toBe(200);
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(200);
    expect((await anonymous.as(org.other.accessToken).get('/me')).status).toBe(401);
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.other.refreshToken })).status).toBe(401);

    expect((await logIn(org.owner.email, PASSWORD)).status).toBe(401);
    expect((await logIn(org.owner.email, NEW_PASSWORD)).status).toBe(200);
    expect((await anonymous.post('/auth/password-reset/confirm', { token: openLink, password: 'somebody else’s choice' })).status).toBe(410);

    expect(await auditActions(org.orgId, org.owner.id)).toContainEqual({ action: 'user.password_changed', actor_id: org.owner.id, data: { sessionsEnded: 1 } });
    await (await accountMailSink()).messageTo(org.owner.email, (mail) => mail.subject === 'Your Keel password was changed');
  });

  it('refuses the current password as the new one', async () => {
    const org = await signupOrg(stack.url);
    const response = await org.api.post('/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/password-unchanged$/);
  });
});
