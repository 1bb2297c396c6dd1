import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invitationMailer } from '../../api/invitations/mailer';
import { connect, type Db } from '../../db/connection';
import { systemMailer } from '../../outbound/system-mail';
import { ApiClient, PASSWORD, addMember, signup as signupConfirmed, signupOrg, type Org } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { startTestStack, type TestStack } from '../helpers/test-stack';

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

/** An org whose owner has a name no one else has, to look for it in other orgs' answers. */
async function orgWithNamedOwner(): Promise<Org & { ownerName: string }> {
  const ownerName = `Zelda Quimby ${randomUUID().slice(0, 8)}`;
  const email = `zelda-${randomUUID()}@example.com`;
  const signup = await signupConfirmed(stack.url, { organization: `Org ${randomUUID().slice(0, 8)}`, name: ownerName, email, password: PASSWORD });
  expect(signup.status).toBe(201);
  return {
    api: anonymous.as(signup.body.accessToken), orgId: signup.body.organization.id, owner: { id: signup.body.user.id, email, password: PASSWORD },
    refreshToken: signup.body.refreshToken, ownerName,
  };
}

const volatile = (body: Record<string, unknown>) => ({ ...body, id: '<id>', email: '<email>', expiresAt: '<t>', createdAt: '<t>' });

async function memberEmails(org: Org): Promise<string[]> {
  const { body } = await org.api.get('/users?limit=200');
  return body.data.map((user: { email: string }) => user.email);
}

describe('inviting', () => {
  it('answers the same for an address with a login in another org as for an unknown one, and reveals no name', async () => {
    const a = await signupOrg(stack.url);
    const b = await orgWithNamedOwner();
    const unknown = await a.api.post('/users', { email: `nobody-${randomUUID()}@example.com`, name: 'Typed Name', role: 'agent' });
    const existing = await a.api.post('/users', { email: b.owner.email, name: 'Typed Name', role: 'agent' });
    const viaInvitations = await a.api.post('/invitations', { email: `nobody-${randomUUID()}@example.com`, name: 'Typed Name', role: 'agent' });

    for (const answer of [unknown, existing, viaInvitations]) {
      expect(answer.status).toBe(201);
      expect(answer.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    }
    expect(volatile(existing.body)).toEqual(volatile(unknown.body));
    expect(volatile(viaInvitations.body)).toEqual(volatile(unknown.body));
    expect(Object.keys(existing.body)).toEqual(Object.keys(unknown.body));
    expect(existing.body).toMatchObject({ email: b.owner.email, name: 'Typed Name', role: 'agent', status: 'pending', invitedBy: a.owner.id });
    expect(JSON.stringify(existing.body)).not.toContain(b.ownerName);
    expect(JSON.stringify(existing.body)).not.toContain(b.owner.id);

    // Not a member of A until they accept.
    expect(await memberEmails(a)).not.toContain(b.owner.email);
    const login = await anonymous.post('/auth/login', { email: b.owner.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.organization.id).toBe(b.orgId);
    const pending = await a.api.get('/invitations');
    expect(pending.body.data.map((invitation: { email: string }) => invitation.email)).toContain(b.owner.email);
    expect(JSON.stringify(pending.body)).not.toContain(b.ownerName);
  });

  it('stores only a hash of the token, and writes the audit log', async () => {
    const a = await signupOrg(stack.url);
    const email = `hash-${randomUUID()}@example.com`;
    const invited = await a.api.post('/invitations', { email, name: 'New', role: 'dispatcher' });
    const token = invitationToken(email);
    const row = await owner('invitations').where({ org_id: a.orgId, id: invited.body.id }).first();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await owner('audit_log').where({ org_id: a.orgId, entity_id: invited.body.id }).select('action', 'actor_id');
    expect(audit).toEqual([{ action: 'invitation.created', actor_id: a.owner.id }]);
  });

  it('refuses a password chosen by the admin', async () => {
    const a = await signupOrg(stack.url);
    const email = `pw-${randomUUID()}@example.com`;
    const answer = await a.api.post('/users', { email, name: 'New', role: 'agent', password: PASSWORD });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors[0].pointer).toBe('/password');
    expect((await a.api.get('/invitations')).body.data).toHaveLength(0);
  });

  it('lets only owners and admins invite, list and revoke', async () => {
    const a = await signupOrg(stack.url);
    for (const role of ['agent', 'dispatcher', 'technician', 'customer']) {
      const member = await addMember(a, role);
      const invite = await member.api.post('/invitations', { email: `x-${randomUUID()}@example.com`, name: 'X', role: 'agent' });
      expect(invite.status).toBe(403);
      expect(invite.body.type).toMatch(/forbidden$/);
      expect((await member.api.post('/users', { email: `x-${randomUUID()}@example.com`, name: 'X', role: 'agent' })).status).toBe(403);
      expect((await member.api.get('/invitations')).status).toBe(403);
    }
    const admin = await addMember(a, 'admin');
    expect((await admin.api.post('/invitations', { email: `o-${randomUUID()}@example.com`, name: 'O', role: 'owner' })).status).toBe(403);
    expect((await admin.api.post('/invitations', { email: `m-${randomUUID()}@example.com`, name: 'M', role: 'admin' })).status).toBe(201);
  });

  it('keeps each org’s invitations to itself', async () => {
    const a = await signupOrg(stack.url);
    const b = await signupOrg(stack.url);
    const email = `tenant-${randomUUID()}@example.com`;
    const invited = await a.api.post('/invitations', { email, name: 'T', role: 'agent' });
    expect((await b.api.get('/invitations')).body.data).toEqual([]);
    const revoke = await b.api.post(`/invitations/${invited.body.id}/revoke`);
    expect(revoke.status).toBe(404);
    expect((await anonymous.get(`/invitations/${invitationToken(email)}`)).status).toBe(200);
    expect((await a.api.get('/invitations')).body.data.map((invitation: { id: string }) => invitation.id)).toEqual([invited.body.id]);
  });
});

describe('accepting', () => {
  it('a new person sets name and password, then signs in; the link works once', async () => {
    const a = await signupOrg(stack.url, `Acme ${randomUUID().slice(0, 6)}`);
    const email = `new-${randomUUID()}@example.com`;
    await a.api.post('/invitations', { email, name: 'Suggested', role: 'technician' });
    const token = invitationToken(email);

    const shown = await anonymous.get(`/invitations/${token}`);
    expect(shown.status).toBe(200);
    const org = (await a.api.get('/me')).body.organization;
    expect(shown.body).toEqual({ organization: { name: org.name }, email, role: 'technician', expiresAt: expect.any(String), signInRequired: false });

    const noPassword = await anonymous.post(`/invitations/${token}/accept`, { name: 'Tess Tech' });
    expect(noPassword.status).toBe(422);
    const accepted = await anonymous.post(`/invitations/${token}/accept`, { name: 'Tess Tech', password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ organization: { id: a.orgId }, user: { email, name: 'Tess Tech', role: 'technician' } });

    const login = await anonymous.post('/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, role: 'technician' });
    expect(await memberEmails(a)).toContain(email);

    const again = await anonymous.post(`/invitations/${token}/accept`, { password: 'another long password' });
    expect(again.status).toBe(410);
    expect(again.body.type).toMatch(/invitation-used$/);
    expect((await anonymous.get(`/invitations/${token}`)).status).toBe(410);
    expect((await a.api.get('/invitations')).body.data).toEqual([]);

    const audit = await owner('audit_log').where({ org_id: a.orgId, actor_id: accepted.body.user.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['invitation.accepted', 'member.added']);
  });

  it('a person with a login elsewhere must be signed in as that login', async () => {
    const a = await signupOrg(stack.url);
    const b = await orgWithNamedOwner();
    await a.api.post('/invitations', { email: b.owner.email, name: 'Typed', role: 'agent' });
    const token = invitationToken(b.owner.email);
    expect((await anonymous.get(`/invitations/${token}`)).body.signInRequired).toBe(true);

    const signedOut = await anonymous.post(`/invitations/${token}/accept`, { name: 'Hijack', password: 'a different password' });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.type).toMatch(/sign-in-required$/);
    const someoneElse = await signupOrg(stack.url);
    const wrongUser = await someoneElse.api.post(`/invitations/${token}/accept`, {});
    expect(wrongUser.status).toBe(403);
    expect(await memberEmails(a)).not.toContain(b.owner.email);

    const accepted = await b.api.post(`/invitations/${token}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: b.owner.id, name: b.ownerName, role: 'agent' });
    expect(await memberEmails(a)).toContain(b.owner.email);
    // Their login and password are untouched; they now choose between two orgs.
    const login = await anonymous.post('/auth/login', { email: b.owner.email, password: PASSWORD });
    expect(login.status).toBe(409);
    expect(login.body.organizations).toHaveLength(2);
  });

  it('a login without a password (added before invitations) sets one by accepting', async () => {
    const a = await signupOrg(stack.url);
    const email = `nopass-${randomUUID()}@example.com`;
    const id = randomUUID();
    await owner('users').insert({ id, email, name: 'Legacy Member', password_hash: null });
    await a.api.post('/invitations', { email, name: 'Typed', role: 'agent' });
    const token = invitationToken(email);
    expect((await anonymous.get(`/invitations/${token}`)).body.signInRequired).toBe(false);
    const accepted = await anonymous.post(`/invitations/${token}/accept`, { password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id, email, name: 'Legacy Member', role: 'agent' });
    expect((await anonymous.post('/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it('refuses expired, revoked and replaced tokens', async () => {
    const a = await signupOrg(stack.url);
    const expiredEmail = `exp-${randomUUID()}@example.com`;
    const expired = await a.api.post('/invitations', { email: expiredEmail, name: 'E', role: 'agent' });
    await owner('invitations').where({ org_id: a.orgId, id: expired.body.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const late = await anonymous.post(`/invitations/${invitationToken(expiredEmail)}/accept`, { password: PASSWORD });
    expect(late.status).toBe(410);
    expect(late.body.type).toMatch(/invitation-expired$/);
    expect((await a.api.get('/invitations')).body.data[0]).toMatchObject({ id: expired.body.id, status: 'expired' });

    const revokedEmail = `rev-${randomUUID()}@example.com`;
    const revoked = await a.api.post('/invitations', { email: revokedEmail, name: 'R', role: 'agent' });
    expect((await a.api.post(`/invitations/${revoked.body.id}/revoke`)).status).toBe(204);
    expect((await a.api.post(`/invitations/${revoked.body.id}/revoke`)).status).toBe(404);
    const withdrawn = await anonymous.post(`/invitations/${invitationToken(revokedEmail)}/accept`, { password: PASSWORD });
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.body.type).toMatch(/invitation-revoked$/);
    expect(await owner('audit_log').where({ org_id: a.orgId, entity_id: revoked.body.id }).orderBy('id').pluck('action')).toEqual(['invitation.created', 'invitation.revoked']);

    const resentEmail = `again-${randomUUID()}@example.com`;
    await a.api.post('/invitations', { email: resentEmail, name: 'A', role: 'agent' });
    const first = invitationToken(resentEmail);
    await a.api.post('/invitations', { email: resentEmail, name: 'A', role: 'dispatcher' });
    expect((await anonymous.post(`/invitations/${first}/accept`, { password: PASSWORD })).status).toBe(410);
    const second = await anonymous.post(`/invitations/${invitationToken(resentEmail)}/accept`, { password: PASSWORD });
    expect(second.body.user.role).toBe('dispatcher');

    expect((await anonymous.get(`/invitations/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await anonymous.get('/invitations/not%20a%20token')).status).toBe(400);
  });
});

describe('invitation mail', () => {
  it('goes out through the system SMTP setting with the link', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => { data += chunk.toString(); });
        stream.on('end', () => { received.push(data); callback(); });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    try {
      const send = invitationMailer(systemMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Keel <no-reply@localhost>', logger: pino({ level: 'silent' }) }));
      await send({ to: 'ivy@example.com', organization: 'Acme', role: 'agent', inviter: 'Ada', link: 'https://keel.example/invitations/tok123', token: 'tok123', expiresAt: new Date('2030-01-01T00:00:00Z') });
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('To: ivy@example.com');
      expect(received[0]).toContain('https://keel.example/invitations/tok123');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
