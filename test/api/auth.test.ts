import { randomUUID } from 'node:crypto';
import knex from 'knex';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withTenant } from '../../db/tenant';
import { sealClearTotpSecrets } from '../../migrations/010_accounts';
import { TEST_SEALING_KEY, accountMailSink, signupTokenFor } from '../helpers/account-mail';
import { ApiClient, PASSWORD, addMember, signupOrg } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { startTestStack, type TestStack } from '../helpers/test-stack';

// Tests tell callers apart by X-Forwarded-For, as a reverse proxy would (read when the app is built).
process.env.KEEL_TRUST_PROXY = 'true';
const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

let stack: TestStack;
let anonymous: ApiClient;
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  anonymous = new ApiClient(stack.url);
});
afterAll(async () => { await stack?.stop(); });

describe('signup', () => {
  it('answers 202, mails a link, and the link creates the org with its owner and a session', async () => {
    const email = `Owner-${randomUUID()}@Example.com`;
    const asked = await anonymous.post('/auth/signup', { organization: 'Acme Widgets, Inc.', name: 'Ada', email, password: PASSWORD });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: 'confirmation_sent' });
    const token = await signupTokenFor(email.toLowerCase());
    const response = await anonymous.post('/auth/signup/confirm', { token });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada', role: 'owner' });
    expect(response.body.organization.slug).toMatch(/^acme-widgets-inc/);
    expect(response.headers.get('set-cookie')).toMatch(/^keel_refresh=[^;]+;.*HttpOnly.*SameSite=Strict/);
    const me = await anonymous.as(response.body.accessToken).get('/me');
    expect(me.body.organization.id).toBe(response.body.organization.id);

    // Single use.
    const again = await anonymous.post('/auth/signup/confirm', { token });
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a taken email exactly as a new one, and mails the owner a warning instead of a link', async () => {
    const org = await signupOrg(stack.url);
    const fresh = `fresh-${randomUUID()}@example.com`;
    const taken = await anonymous.post('/auth/signup', { organization: 'Other', name: 'X', email: org.owner.email, password: PASSWORD });
    const untaken = await anonymous.post('/auth/signup', { organization: 'Other', name: 'X', email: fresh, password: PASSWORD });
    expect(taken.status).toBe(202);
    expect(taken.body).toEqual(untaken.body);
    expect(taken.headers.get('content-type')).toBe(untaken.headers.get('content-type'));
    const warning = await (await accountMailSink()).messageTo(org.owner.email, (mail) => /tried to sign up/.test(mail.subject ?? ''));
    expect(warning.text).not.toMatch(/#token=/);
    expect(await signupTokenFor(fresh)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses unknown confirmation tokens with a problem', async () => {
    const response = await anonymous.post('/auth/signup/confirm', { token: 'not-a-real-token' });
    expect(response.status).toBe(410);
    expect(response.body.type).toMatch(/signup-link-invalid$/);
  });

  it('rate-limits sign-ups per IP with 429 and Retry-After', async () => {
    const limited = await startTestStack({ worker: false, signupLimits: { perIpPerHour: 2 } });
    try {
      const client = new ApiClient(limited.url);
      const ip = uniqueIp();
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await client.post('/auth/signup', { organization: 'Spam', name: 'S', email: `spam-${randomUUID()}@example.com`, password: PASSWORD }, fromIp(ip));
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([202, 202, 429]);
      // Another IP is not affected.
      expect((await client.post('/auth/signup', { organization: 'Fine', name: 'F', email: `fine-${randomUUID()}@example.com`, password: PASSWORD }, fromIp(uniqueIp()))).status).toBe(202);
    } finally {
      await limited.stop();
    }
  });

  it('refuses weak input with 400 pointing at the field', async () => {
    const weak = await anonymous.post('/auth/signup', { organization: 'Other', name: 'X', email: 'not-an-email', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.type).toMatch(/validation$/);
    expect(weak.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/email', '/password']);
    expect(JSON.stringify(weak.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers malformed JSON with a 400 problem, not a stack trace', async () => {
    const response = await anonymous.request('POST', '/auth/signup', '{"organization": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(response.body)).not.toContain('node_modules');
  });
});

describe('password policy', () => {
  it.each([
    ['password12', /most common passwords/],
    ['1234567890', /most common passwords/],
    ['          ', /only spaces/],
    ['aaaaaaaaaaaa', /one character repeated/],
    ['short', /at least 10 characters/],
  ])('refuses %j naming the rule', async (password, rule) => {
    const response = await anonymous.post('/auth/signup', { organization: 'Weak', name: 'W', email: `weak-${randomUUID()}@example.com`, password });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ pointer: '/password', message: expect.stringMatching(rule) }]);
  });

  it('applies to invited members choosing their password too', async () => {
    const org = await signupOrg(stack.url);
    const email = `m-${randomUUID()}@example.com`;
    expect((await org.api.post('/users', { email, name: 'M', role: 'agent' })).status).toBe(201);
    const response = await anonymous.post(`/invitations/${invitationToken(email)}/accept`, { password: 'Password12' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ pointer: '/password' });
  });
});

describe('login and refresh', () => {
  it('logs in with the right password only', async () => {
    const org = await signupOrg(stack.url);
    expect((await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD })).status).toBe(200);
    const wrong = await anonymous.post('/auth/login', { email: org.owner.email, password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toMatch(/invalid-credentials$/);
    const nobody = await anonymous.post('/auth/login', { email: `nobody-${randomUUID()}@example.com`, password: PASSWORD });
    expect(nobody.status).toBe(401);
    expect(nobody.body.type).toBe(wrong.body.type);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const org = await signupOrg(stack.url);
    const first = await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(org.refreshToken);
    const me = await anonymous.as(first.body.accessToken).get('/me');
    expect(me.status).toBe(200);

    // The first token was rotated away: using it again is theft, and kills the newer token too.
    const replay = await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken });
    expect(replay.status).toBe(401);
    const afterTheft = await anonymous.post('/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(afterTheft.status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const org = await signupOrg(stack.url);
    expect((await anonymous.post('/auth/logout', { refreshToken: org.refreshToken })).status).toBe(204);
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(401);
  });

  it('logout makes the session’s access token fail at once', async () => {
    const org = await signupOrg(stack.url);
    expect((await org.api.get('/me')).status).toBe(200);
    expect((await anonymous.post('/auth/logout', { refreshToken: org.refreshToken })).status).toBe(204);
    const after = await org.api.get('/me');
    expect(after.status).toBe(401);
    expect(after.body.type).toMatch(/invalid-token$/);
  });

  it('refresh-token reuse revokes the access tokens of the family too', async () => {
    const org = await signupOrg(stack.url);
    const rotated = await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken });
    const fresh = anonymous.as(rotated.body.accessToken);
    expect((await fresh.get('/me')).status).toBe(200);
    expect((await anonymous.post('/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(401);
    expect((await fresh.get('/me')).status).toBe(401);
    expect((await org.api.get('/me')).status).toBe(401);
  });

  it('logging out one session leaves the person’s other sessions alone', async () => {
    const org = await signupOrg(stack.url);
    const other = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD });
    expect((await anonymous.post('/auth/logout', { refreshToken: org.refreshToken })).status).toBe(204);
    expect((await anonymous.as(other.body.accessToken).get('/me')).status).toBe(200);
  });

  it('sets the refresh token as an HttpOnly, SameSite=Strict cookie scoped to the auth routes, and refreshes from the cookie alone', async () => {
    const org = await signupOrg(stack.url);
    const login = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^keel_refresh=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/api/v1/auth');
    expect(setCookie).not.toContain('Secure'); // the test stack's public URL is http
    const cookie = setCookie.split(';')[0] ?? '';

    const refreshed = await anonymous.request('POST', '/auth/refresh', undefined, { cookie });
    expect(refreshed.status).toBe(200);
    expect((await anonymous.as(refreshed.body.accessToken).get('/me')).status).toBe(200);
    const rotatedCookie = (refreshed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(rotatedCookie).not.toBe(cookie);
    // The first cookie was rotated away: replaying it is refused.
    expect((await anonymous.request('POST', '/auth/refresh', undefined, { cookie })).status).toBe(401);

    const logout = await anonymous.request('POST', '/auth/logout', undefined, { cookie: rotatedCookie });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^keel_refresh=;.*Max-Age=0/);
    expect((await anonymous.as(refreshed.body.accessToken).get('/me')).status).toBe(401);
  });

  it('answers a refresh with neither cookie nor body with 401', async () => {
    const response = await anonymous.post('/auth/refresh', {});
    expect(response.status).toBe(401);
    expect(response.body.type).toMatch(/invalid-refresh-token$/);
  });

  it('rejects forged and missing access tokens', async () => {
    expect((await anonymous.get('/me')).status).toBe(401);
    expect((await anonymous.as('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad').get('/me')).status).toBe(401);
  });

  it('asks which organization when a person belongs to several', async () => {
    const first = await signupOrg(stack.url);
    const second = await signupOrg(stack.url);
    expect((await second.api.post('/users', { email: first.owner.email, name: 'Owner', role: 'agent' })).status).toBe(201);
    expect((await first.api.post(`/invitations/${invitationToken(first.owner.email)}/accept`, {})).status).toBe(200);
    const ambiguous = await anonymous.post('/auth/login', { email: first.owner.email, password: PASSWORD });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.organizations).toHaveLength(2);
    const slug = ambiguous.body.organizations.find((org: { slug: string }) => org.slug !== undefined).slug;
    const chosen = await anonymous.post('/auth/login', { email: first.owner.email, password: PASSWORD, organization: slug });
    expect(chosen.status).toBe(200);
    expect(chosen.body.organization.slug).toBe(slug);
  });
});

describe('TOTP second factor', () => {
  it('enrols, then requires a code at login, and accepts each code once', async () => {
    const org = await signupOrg(stack.url);
    const enrol = await org.api.post('/auth/totp/enroll');
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUrl).toContain('otpauth://totp/');
    const secret = enrol.body.secret as string;

    const wrongCode = await org.api.post('/auth/totp/verify', { otp: '000000' === (await generate({ secret })) ? '111111' : '000000' });
    expect(wrongCode.status).toBe(422);
    expect((await org.api.post('/auth/totp/verify', { otp: await generate({ secret }) })).status).toBe(204);

    const withoutCode = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.type).toMatch(/otp-required$/);

    // The enrolment consumed this period's code; the next period's code logs in once.
    const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const login = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD, otp: nextCode });
    expect(login.status).toBe(200);
    const replay = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD, otp: nextCode });
    expect(replay.status).toBe(401);
    expect(replay.body.type).toMatch(/invalid-otp$/);
  });

  it('stores the secret sealed, never in clear', async () => {
    const org = await signupOrg(stack.url);
    const enrol = await org.api.post('/auth/totp/enroll');
    const secret = enrol.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const stored = await withTenant(stack.db, { orgId: org.orgId, userId: org.owner.id }, (trx) =>
      trx('users').where({ id: org.owner.id }).first<{ totp_secret: string }>('totp_secret'));
    expect(stored.totp_secret).toMatch(/^v1:/);
    expect(stored.totp_secret).not.toContain(secret);
    expect(stored.totp_secret).not.toMatch(/[A-Z2-7]{16,}/);
    expect((await org.api.post('/auth/totp/verify', { otp: await generate({ secret }) })).status).toBe(204);
  });

  it('migration 010 seals secrets stored in clear, and TOTP login still works after it', async () => {
    const org = await signupOrg(stack.url);
    const owner = knex({ client: 'pg', connection: inject('databaseUrl'), pool: { min: 0, max: 1 } });
    try {
      // An account enrolled before the migration: the secret in clear, TOTP on.
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      await owner('users').where({ id: org.owner.id }).update({ totp_secret: secret, totp_enabled: true, totp_last_step: null });
      expect(await sealClearTotpSecrets(owner, TEST_SEALING_KEY)).toBeGreaterThanOrEqual(1);
      const row = await owner('users').where({ id: org.owner.id }).first<{ totp_secret: string }>('totp_secret');
      expect(row?.totp_secret).toMatch(/^v1:/);
      expect(row?.totp_secret).not.toContain(secret);
      // Idempotent: a second run leaves sealed secrets alone.
      await sealClearTotpSecrets(owner, TEST_SEALING_KEY);
      expect((await owner('users').where({ id: org.owner.id }).first<{ totp_secret: string }>('totp_secret'))?.totp_secret).toBe(row?.totp_secret);

      const login = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD, otp: await generate({ secret }) });
      expect(login.status).toBe(200);
    } finally {
      await owner.destroy();
    }
  });
});

describe('rate limiting', () => {
  it('slows down the IP that hammers an account, and lets the right password in from elsewhere', async () => {
    const org = await signupOrg(stack.url);
    const attacker = uniqueIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await anonymous.post('/auth/login', { email: org.owner.email, password: `wrong-${attempt}-password` }, fromIp(attacker));
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.type).toMatch(/rate-limited$/);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    // A few free failures, then the attacker's IP waits (growing delays) instead of guessing.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    // The same IP waits even with the right password…
    expect((await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD }, fromIp(attacker))).status).toBe(429);
    // …but the owner, elsewhere, is not locked out.
    const owner = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD }, fromIp(uniqueIp()));
    expect(owner.status).toBe(200);
  });

  it('lets the right password and second factor through while the account is hammered from elsewhere', async () => {
    const org = await signupOrg(stack.url);
    const enrol = await org.api.post('/auth/totp/enroll');
    const secret = enrol.body.secret as string;
    expect((await org.api.post('/auth/totp/verify', { otp: await generate({ secret }) })).status).toBe(204);
    const attacker = uniqueIp();
    for (let attempt = 0; attempt < 10; attempt++) {
      await anonymous.post('/auth/login', { email: org.owner.email, password: `wrong-${attempt}-password` }, fromIp(attacker));
    }
    const otp = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const login = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD, otp }, fromIp(uniqueIp()));
    expect(login.status).toBe(200);
  });

  it('stops a distributed guesser at the per-account ceiling', async () => {
    const limited = await startTestStack({ worker: false, loginLimits: { failuresPerAccount: 4 } });
    try {
      const org = await signupOrg(limited.url);
      const client = new ApiClient(limited.url);
      const home = uniqueIp();
      expect((await client.post('/auth/login', { email: org.owner.email, password: PASSWORD }, fromIp(home))).status).toBe(200);
      for (let attempt = 0; attempt < 4; attempt++) {
        expect((await client.post('/auth/login', { email: org.owner.email, password: `wrong-${attempt}-password` }, fromIp(uniqueIp()))).status).toBe(401);
      }
      const fifth = await client.post('/auth/login', { email: org.owner.email, password: 'wrong-again-password' }, fromIp(uniqueIp()));
      expect(fifth.status).toBe(429);
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
      // Even the right password from a new IP waits now; the owner's usual IP still gets in.
      expect((await client.post('/auth/login', { email: org.owner.email, password: PASSWORD }, fromIp(uniqueIp()))).status).toBe(429);
      expect((await client.post('/auth/login', { email: org.owner.email, password: PASSWORD }, fromIp(home))).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('limits attempts per IP across accounts', async () => {
    const limited = await startTestStack({ worker: false, loginLimits: { perIpPerMinute: 3 } });
    try {
      const client = new ApiClient(limited.url);
      const statuses = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        statuses.push((await client.post('/auth/login', { email: `x${attempt}-${randomUUID()}@example.com`, password: PASSWORD })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('members', () => {
  it('lets owners and admins add members, and no one else', async () => {
    const org = await signupOrg(stack.url);
    const admin = await addMember(org, 'admin');
    const agent = await addMember(org, 'agent');
    expect((await admin.api.post('/users', { email: `a-${randomUUID()}@example.com`, name: 'New', role: 'agent' })).status).toBe(201);
    const denied = await agent.api.post('/users', { email: `b-${randomUUID()}@example.com`, name: 'New', role: 'agent' });
    expect(denied.status).toBe(403);
    expect(denied.body.type).toMatch(/forbidden$/);
    expect((await admin.api.post('/users', { email: `c-${randomUUID()}@example.com`, name: 'New', role: 'owner' })).status).toBe(403);
    const duplicate = await org.api.post('/users', { email: agent.email, name: 'Again', role: 'agent' });
    expect(duplicate.status).toBe(409);
    const bad = await org.api.post('/users', { email: 'x@example.com', name: 'Bad', role: 'emperor' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/role');
  });

  it('lists only the members of the caller’s org, paginated', async () => {
    const org = await signupOrg(stack.url);
    await addMember(org, 'agent');
    await addMember(org, 'agent');
    const other = await signupOrg(stack.url);
    const first = await org.api.get('/users?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await org.api.get(`/users?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const emails = [...first.body.data, ...second.body.data].map((user: { email: string }) => user.email);
    expect(emails).toContain(org.owner.email);
    expect(emails).not.toContain(other.owner.email);
    const customer = await addMember(org, 'customer');
    expect((await customer.api.get('/users')).status).toBe(403);
  });
});
