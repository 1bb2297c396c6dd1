import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, addMember, signupOrg } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let anonymous: ApiClient;
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  anonymous = new ApiClient(stack.url);
});
afterAll(async () => { await stack?.stop(); });

describe('signup', () => {
  it('creates an org with its owner and answers a session', async () => {
    const email = `Owner-${randomUUID()}@Example.com`;
    const response = await anonymous.post('/auth/signup', { organization: 'Acme Widgets, Inc.', name: 'Ada', email, password: PASSWORD });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada', role: 'owner' });
    expect(response.body.organization.slug).toMatch(/^acme-widgets-inc/);
    const me = await anonymous.as(response.body.accessToken).get('/me');
    expect(me.body.organization.id).toBe(response.body.organization.id);
  });

  it('refuses a taken email with 409 and weak input with 400 pointing at the field', async () => {
    const org = await signupOrg(stack.url);
    const again = await anonymous.post('/auth/signup', { organization: 'Other', name: 'X', email: org.owner.email, password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

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
});

describe('rate limiting', () => {
  it('locks an account after repeated failures, even for the right password', async () => {
    const org = await signupOrg(stack.url);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await anonymous.post('/auth/login', { email: org.owner.email, password: `wrong-${attempt}-password` })).status).toBe(401);
    }
    const locked = await anonymous.post('/auth/login', { email: org.owner.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits attempts per IP across accounts', async () => {
    const limited = await startTestStack({ worker: false, loginLimits: { perIpPerMinute: 3, failuresPerAccount: 100, accountWindowSeconds: 60 } });
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
