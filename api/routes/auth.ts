import { z } from 'zod';
import { totpContext } from '../../db/secret-box';
import { asUser, withTenant } from '../../db/tenant';
import { createLoginLimiter } from '../auth/login-limiter';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/passwords';
import { clearedRefreshCookie, readRefreshCookie, refreshCookie, refreshCookieSettings } from '../auth/refresh-cookie';
import { consumeRefreshToken, parseRefreshToken, revokeFamily } from '../auth/refresh-tokens';
import { ACCESS } from '../auth/roles';
import { loadMember, loadOrganization, openSession } from '../auth/sessions';
import { newTotpSecret, totpStep } from '../auth/totp';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { Problem, unauthorized } from '../problem';
import { routeGroup } from '../route-group';
import {
  LoginBody,
  OrganizationSchema,
  RefreshBody,
  SessionSchema,
  TokenPairSchema,
  TotpEnrolmentSchema,
  TotpVerifyBody,
  UserSchema,
} from '../schemas/auth';
import { passwordRoutes } from './passwords';
import { signupRoutes } from './signup';
import { loginCredentials, type LoginCredentials } from '../../db/login-lookup';
import { organizationsOfUser } from '../../db/organization-store';
import { refreshTokenFamily } from '../../db/refresh-token-store';
import { consumeTotpStep, enableTotp, setTotpSecret, totpEnrolment, totpState } from '../../db/totp-store';

const authGroup = routeGroup({ tag: 'auth', access: 'public' });

export function authRoutes(deps: ApiDeps) {
  const { db } = deps;
  const limiter = createLoginLimiter(deps.loginLimits);
  const cookie = refreshCookieSettings(deps);

  const login = authGroup.post('/auth/login', {
    operationId: 'logIn', summary: 'Log in with email, password and (when enrolled) a TOTP code',
    body: LoginBody,
    responses: { 200: { description: 'Logged in', schema: SessionSchema } },
    async handler({ body, ctx }) {
      await limiter.admit(ctx.ip, body.email);
      const credentials = await loginCredentials(db, body.email);
      const passwordOk = await verifyPassword(credentials?.password_hash ?? (await DUMMY_HASH_PROMISE), body.password);
      if (!credentials || !passwordOk) {
        await limiter.failed(ctx.ip, body.email);
        throw unauthorized('invalid-credentials', 'The email or password is wrong.');
      }
      if (credentials.totp_enabled) await checkSecondFactor(credentials, body.otp, ctx.ip, body.email);
      await limiter.succeeded(ctx.ip, body.email);

      const orgId = await chooseOrganization(credentials.id, body.organization);
      const session = await withTenant(db, { orgId, userId: credentials.id }, async (trx) => {
        const [user, organization] = await Promise.all([loadMember(trx, orgId, credentials.id), loadOrganization(trx, orgId)]);
        if (!user || !organization) throw unauthorized('invalid-credentials', 'The email or password is wrong.');
        return openSession(trx, deps, user, organization);
      });
      return { status: 200, body: session, headers: refreshCookie(session.refreshToken, cookie) };
    },
  });

  async function checkSecondFactor(credentials: LoginCredentials, otp: string | undefined, ip: string, email: string): Promise<void> {
    if (!otp) throw unauthorized('otp-required', 'Enter the code from your authenticator app.');
    const secret = credentials.totp_secret ? deps.secrets.decrypt(credentials.totp_secret, totpContext(credentials.id)) : null;
    const step = secret ? await totpStep(secret, otp) : null;
    // A code is good once: the step is consumed atomically, so a replay within its window fails.
    const consumed = step !== null && (await consumeTotpStep(db, credentials.id, step));
    if (!consumed) {
      await limiter.failed(ip, email);
      throw unauthorized('invalid-otp', 'The code is wrong or was already used.');
    }
  }

  async function chooseOrganization(userId: string, slug: string | undefined): Promise<string> {
    const orgs = await asUser(db, userId, (trx) => organizationsOfUser(trx, userId));
    const chosen = slug === undefined ? (orgs.length === 1 ? orgs[0] : undefined) : orgs.find((org) => org.slug === slug.toLowerCase());
    if (chosen) return chosen.id;
    if (orgs.length === 0 || slug !== undefined) throw unauthorized('invalid-credentials', 'No such organization for this account.');
    throw new Problem(409, 'ambiguous-organization', 'Choose an organization', {
      detail: 'This account belongs to several organizations; send `organization` with one of their slugs.',
      organizations: orgs.map(({ slug: s, name }) => ({ slug: s, name })),
    });
  }

  const refresh = authGroup.post('/auth/refresh', {
    operationId: 'refreshSession',
    summary: 'Exchange a refresh token (the `keel_refresh` cookie, or `refreshToken` in the body) for a new token pair; the old one stops working',
    body: RefreshBody,
    responses: { 200: { description: 'Rotated (the cookie is rotated too)', schema: TokenPairSchema } },
    async handler({ body, ctx }) {
      const presented = body.refreshToken ?? readRefreshCookie(ctx);
      const token = presented ? parseRefreshToken(presented) : null;
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
      const { accessToken, refreshToken } = outcome.session;
      return { status: 200, body: { accessToken, refreshToken }, headers: refreshCookie(refreshToken, cookie) };
    },
  });

  const logout = authGroup.post('/auth/logout', {
    operationId: 'logOut', summary: 'End the session: revoke its refresh tokens (cookie or body) and, with them, its access tokens',
    body: RefreshBody,
    responses: { 204: { description: 'Logged out (the cookie is cleared)' } },
    async handler({ body, ctx }) {
      const presented = body.refreshToken ?? readRefreshCookie(ctx);
      const token = presented ? parseRefreshToken(presented) : null;
      if (token) {
        await withTenant(db, { orgId: token.orgId }, async (trx) => {
          const familyId = await refreshTokenFamily(trx, token.orgId, token.id);
          if (familyId !== undefined) await revokeFamily(trx, token.orgId, familyId);
        });
      }
      return { status: 204, headers: clearedRefreshCookie(cookie) };
    },
  });

  const me = authGroup.get('/me', {
    access: ACCESS.anyMember, operationId: 'getMe', summary: 'The caller and their organization',
    responses: { 200: { description: 'Me', schema: z.object({ user: UserSchema, organization: OrganizationSchema }) } },
    async handler({ auth }) {
      return withTenant(db, auth, async (trx) => {
        const [user, organization] = await Promise.all([loadMember(trx, auth.orgId, auth.userId), loadOrganization(trx, auth.orgId)]);
        if (!user || !organization) throw unauthorized('invalid-token', 'This membership no longer exists.');
        return { status: 200, body: { user, organization } };
      });
    },
  });

  const enrolTotp = authGroup.post('/auth/totp/enroll', {
    access: ACCESS.anyMember, operationId: 'enrollTotp', summary: 'Start TOTP enrolment: returns a secret to load into an authenticator app',
    responses: { 200: { description: 'Secret', schema: TotpEnrolmentSchema } },
    async handler({ auth }) {
      return withTenant(db, auth, async (trx) => {
        const user = await totpEnrolment(trx, auth.userId);
        if (user.totp_enabled) throw new Problem(409, 'totp-enabled', 'Two-factor authentication is already on');
        const enrolment = newTotpSecret(user.email);
        // Sealed at rest like mailbox passwords, bound to this user.
        await setTotpSecret(trx, auth.userId, deps.secrets.encrypt(enrolment.secret, totpContext(auth.userId)));
        return { status: 200, body: enrolment };
      });
    },
  });

  const verifyTotp = authGroup.post('/auth/totp/verify', {
    access: ACCESS.anyMember, operationId: 'verifyTotp', summary: 'Finish TOTP enrolment with a first code; from then on login needs a code',
    body: TotpVerifyBody,
    responses: { 204: { description: 'Enabled' } },
    async handler({ auth, body }) {
      return withTenant(db, auth, async (trx) => {
        const user = await totpState(trx, auth.userId);
        const secret = user.totp_secret ? deps.secrets.decrypt(user.totp_secret, totpContext(auth.userId)) : null;
        const step = secret ? await totpStep(secret, body.otp) : null;
        if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
          throw new Problem(422, 'invalid-otp', 'The code is wrong', { errors: [{ pointer: '/otp', message: 'Not a current code.' }] });
        }
        await enableTotp(trx, auth.userId, step);
        await auditCaller(trx, auth, { action: 'user.totp_enabled', entityType: 'user', entityId: auth.userId });
        return { status: 204 };
      });
    },
  });

  return [...signupRoutes(deps), ...passwordRoutes(deps, limiter), login, refresh, logout, me, enrolTotp, verifyTotp];
}
