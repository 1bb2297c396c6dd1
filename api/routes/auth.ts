import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { asUser, withTenant } from '../../db/tenant';
import { createLoginLimiter } from '../auth/login-limiter';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../auth/passwords';
import { consumeRefreshToken, parseRefreshToken, revokeFamily } from '../auth/refresh-tokens';
import { ACCESS, type Role } from '../auth/roles';
import { loadMember, loadOrganization, openSession } from '../auth/sessions';
import { newTotpSecret, totpStep } from '../auth/totp';
import type { ApiDeps } from '../deps';
import { Problem, unauthorized } from '../problem';
import { route } from '../route';
import {
  LoginBody,
  OrganizationSchema,
  RefreshBody,
  SessionSchema,
  SignupBody,
  TokenPairSchema,
  TotpEnrolmentSchema,
  TotpVerifyBody,
  UserSchema,
} from '../schemas/auth';
import { slugify } from '../slug';

interface Credentials {
  id: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
}

export function authRoutes(deps: ApiDeps) {
  const { db } = deps;
  const limiter = createLoginLimiter(deps.loginLimits);

  const signup = route({
    method: 'post', path: '/auth/signup', tag: 'auth', access: 'public',
    summary: 'Create an organization and its owner',
    body: SignupBody,
    responses: { 201: { description: 'Signed up', schema: SessionSchema } },
    async handler({ body }) {
      const orgId = randomUUID();
      const userId = randomUUID();
      const passwordHash = await hashPassword(body.password);
      const session = await withTenant(db, { orgId, userId }, async (trx) => {
        const slug = await claimSlug(trx, orgId, body.organization);
        const inserted = await trx('users')
          .insert({ id: userId, email: body.email, name: body.name, password_hash: passwordHash })
          .onConflict('email').ignore().returning('id');
        if (inserted.length === 0) {
          throw new Problem(409, 'email-taken', 'An account with this email exists', { detail: 'Log in instead.' });
        }
        await trx('memberships').insert({ org_id: orgId, user_id: userId, role: 'owner' });
        await trx('ticket_counters').insert({ org_id: orgId, last_number: 0 });
        await trx('audit_log').insert({ org_id: orgId, actor_id: userId, action: 'organization.created', entity_type: 'organization', entity_id: orgId });
        const user = { id: userId, email: body.email, name: body.name, role: 'owner' as Role };
        return openSession(trx, deps, user, { id: orgId, name: body.organization, slug });
      });
      return { status: 201, body: session };
    },
  });

  const login = route({
    method: 'post', path: '/auth/login', tag: 'auth', access: 'public',
    summary: 'Log in with email, password and (when enrolled) a TOTP code',
    body: LoginBody,
    responses: { 200: { description: 'Logged in', schema: SessionSchema } },
    async handler({ body, ctx }) {
      await limiter.admit(ctx.ip, body.email);
      const { rows } = await db.raw<{ rows: Credentials[] }>('SELECT * FROM auth_lookup(?)', [body.email]);
      const credentials = rows[0];
      const passwordOk = await verifyPassword(credentials?.password_hash ?? (await DUMMY_HASH_PROMISE), body.password);
      if (!credentials || !passwordOk) {
        await limiter.failed(body.email);
        throw unauthorized('invalid-credentials', 'The email or password is wrong.');
      }
      if (credentials.totp_enabled) await checkSecondFactor(credentials, body.otp, body.email);
      await limiter.succeeded(body.email);

      const orgId = await chooseOrganization(credentials.id, body.organization);
      const session = await withTenant(db, { orgId, userId: credentials.id }, async (trx) => {
        const [user, organization] = await Promise.all([loadMember(trx, orgId, credentials.id), loadOrganization(trx, orgId)]);
        if (!user || !organization) throw unauthorized('invalid-credentials', 'The email or password is wrong.');
        return openSession(trx, deps, user, organization);
      });
      return { status: 200, body: session };
    },
  });

  async function checkSecondFactor(credentials: Credentials, otp: string | undefined, email: string): Promise<void> {
    if (!otp) throw unauthorized('otp-required', 'Enter the code from your authenticator app.');
    const step = credentials.totp_secret ? await totpStep(credentials.totp_secret, otp) : null;
    // A code is good once: the step is consumed atomically, so a replay within its window fails.
    const consumed = step !== null && (await db.raw<{ rows: unknown[] }>('SELECT auth_consume_totp_step(?, ?) AS ok', [credentials.id, step])).rows.some((row) => (row as { ok: boolean | null }).ok);
    if (!consumed) {
      await limiter.failed(email);
      throw unauthorized('invalid-otp', 'The code is wrong or was already used.');
    }
  }

  async function chooseOrganization(userId: string, slug: string | undefined): Promise<string> {
    const orgs = await asUser(db, userId, (trx) =>
      trx('memberships as m').join('organizations as o', 'o.id', 'm.org_id').where('m.user_id', userId)
        .orderBy('o.name').select<{ id: string; name: string; slug: string }[]>('o.id', 'o.name', 'o.slug'),
    );
    const chosen = slug === undefined ? (orgs.length === 1 ? orgs[0] : undefined) : orgs.find((org) => org.slug === slug.toLowerCase());
    if (chosen) return chosen.id;
    if (orgs.length === 0 || slug !== undefined) throw unauthorized('invalid-credentials', 'No such organization for this account.');
    throw new Problem(409, 'ambiguous-organization', 'Choose an organization', {
      detail: 'This account belongs to several organizations; send `organization` with one of their slugs.',
      organizations: orgs.map(({ slug: s, name }) => ({ slug: s, name })),
    });
  }

  const refresh = route({
    method: 'post', path: '/auth/refresh', tag: 'auth', access: 'public',
    summary: 'Exchange a refresh token for a new token pair (the old one stops working)',
    body: RefreshBody,
    responses: { 200: { description: 'Rotated', schema: TokenPairSchema } },
    async handler({ body }) {
      const token = parseRefreshToken(body.refreshToken);
      if (!token) throw unauthorized('invalid-refresh-token', 'The refresh token is not valid.');
      // The rotation outcome is committed even when it is a refusal: a reuse revokes the family.
      const outcome = await withTenant(db, { orgId: token.orgId }, async (trx) => {
        const result = await consumeRefreshToken(trx, token);
        if (!result.ok) return result;
        const user = await loadMember(trx, token.orgId, result.userId);
        const organization = await loadOrganization(trx, token.orgId);
        if (!user || !organization) return { ok: false as const, reason: 'unknown' as const };
        const session = await openSession(trx, deps, user, organization, result.familyId);
        return { ok: true as const, session };
      });
      if (!outcome.ok) throw unauthorized('invalid-refresh-token', `The refresh token is ${outcome.reason === 'unknown' ? 'not valid' : outcome.reason}.`);
      return { status: 200, body: { accessToken: outcome.session.accessToken, refreshToken: outcome.session.refreshToken } };
    },
  });

  const logout = route({
    method: 'post', path: '/auth/logout', tag: 'auth', access: 'public',
    summary: 'Revoke a refresh token and every token rotated from it',
    body: RefreshBody,
    responses: { 204: { description: 'Logged out' } },
    async handler({ body }) {
      const token = parseRefreshToken(body.refreshToken);
      if (token) {
        await withTenant(db, { orgId: token.orgId }, async (trx) => {
          const row = await trx('refresh_tokens').where({ org_id: token.orgId, id: token.id }).first<{ family_id: string } | undefined>('family_id');
          if (row) await revokeFamily(trx, token.orgId, row.family_id);
        });
      }
      return { status: 204 };
    },
  });

  const me = route({
    method: 'get', path: '/me', tag: 'auth', access: ACCESS.anyMember,
    summary: 'The caller and their organization',
    responses: { 200: { description: 'Me', schema: z.object({ user: UserSchema, organization: OrganizationSchema }) } },
    async handler({ auth }) {
      return withTenant(db, auth, async (trx) => {
        const [user, organization] = await Promise.all([loadMember(trx, auth.orgId, auth.userId), loadOrganization(trx, auth.orgId)]);
        if (!user || !organization) throw unauthorized('invalid-token', 'This membership no longer exists.');
        return { status: 200, body: { user, organization } };
      });
    },
  });

  const enrolTotp = route({
    method: 'post', path: '/auth/totp/enroll', tag: 'auth', access: ACCESS.anyMember,
    summary: 'Start TOTP enrolment: returns a secret to load into an authenticator app',
    responses: { 200: { description: 'Secret', schema: TotpEnrolmentSchema } },
    async handler({ auth }) {
      return withTenant(db, auth, async (trx) => {
        const user = await trx('users').where({ id: auth.userId }).first<{ email: string; totp_enabled: boolean }>('email', 'totp_enabled');
        if (user.totp_enabled) throw new Problem(409, 'totp-enabled', 'Two-factor authentication is already on');
        const enrolment = newTotpSecret(user.email);
        await trx('users').where({ id: auth.userId }).update({ totp_secret: enrolment.secret });
        return { status: 200, body: enrolment };
      });
    },
  });

  const verifyTotp = route({
    method: 'post', path: '/auth/totp/verify', tag: 'auth', access: ACCESS.anyMember,
    summary: 'Finish TOTP enrolment with a first code; from then on login needs a code',
    body: TotpVerifyBody,
    responses: { 204: { description: 'Enabled' } },
    async handler({ auth, body }) {
      return withTenant(db, auth, async (trx) => {
        const user = await trx('users').where({ id: auth.userId }).first<{ totp_secret: string | null; totp_last_step: number | null }>('totp_secret', 'totp_last_step');
        const step = user.totp_secret ? await totpStep(user.totp_secret, body.otp) : null;
        if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
          throw new Problem(422, 'invalid-otp', 'The code is wrong', { errors: [{ pointer: '/otp', message: 'Not a current code.' }] });
        }
        await trx('users').where({ id: auth.userId }).update({ totp_enabled: true, totp_last_step: step });
        await trx('audit_log').insert({ org_id: auth.orgId, actor_id: auth.userId, action: 'user.totp_enabled', entity_type: 'user', entity_id: auth.userId });
        return { status: 204 };
      });
    },
  });

  return [signup, login, refresh, logout, me, enrolTotp, verifyTotp];
}

/** Organisations get a unique slug from their name, with a short suffix when it is taken. */
async function claimSlug(trx: Knex.Transaction, orgId: string, name: string): Promise<string> {
  const base = slugify(name) || 'org';
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 4 + attempt)}`;
    const inserted = await trx('organizations').insert({ id: orgId, name, slug }).onConflict('slug').ignore().returning('id');
    if (inserted.length > 0) return slug;
  }
}
