import { randomUUID } from 'node:crypto';
import { withTenant } from '../../db/tenant';
import { createOwnerAccount } from '../auth/organizations';
import { hashPassword } from '../auth/passwords';
import { refreshCookie, refreshCookieSettings } from '../auth/refresh-cookie';
import { openSession } from '../auth/sessions';
import { createSignupLimiter } from '../auth/signup-limiter';
import { consumeSignupRequest, createSignupRequest, emailTaken, SIGNUP_TOKEN_TTL_SECONDS } from '../auth/signup-requests';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { routeGroup } from '../route-group';
import { SessionSchema, SignupAcceptedSchema, SignupBody, SignupConfirmBody } from '../schemas/auth';

const authGroup = routeGroup({ tag: 'auth', access: 'public' });

/**
 * Sign-up in two steps, so the answer never tells whether an address has an account: the
 * request answers 202 either way and mails the address (a confirmation link when it is new, a
 * "someone tried to sign up with your address" note when it is taken); following the link
 * creates the organization and its owner.
 */
export function signupRoutes(deps: ApiDeps) {
  const { db } = deps;
  const limiter = createSignupLimiter(deps.signupLimits);
  const cookie = refreshCookieSettings(deps);

  const signup = authGroup.post('/auth/signup', {
    operationId: 'signUp', summary: 'Ask for an organization and its owner: mails a confirmation link to the address',
    body: SignupBody,
    responses: { 202: { description: 'Confirmation sent (the same answer whether or not the address has an account)', schema: SignupAcceptedSchema } },
    async handler({ body, ctx }) {
      await limiter.admit(ctx.ip, body.email);
      // Hashed either way, so the answer takes as long for a taken address as for a new one.
      const passwordHash = await hashPassword(body.password);
      if (await emailTaken(db, body.email)) {
        await deps.accountMail({
          to: body.email,
          subject: 'Someone tried to sign up to Keel with your address',
          text: `Someone asked to create a Keel organization ("${body.organization}") with this address, which already has an account.\n\nIf it was you, log in instead: ${deps.publicUrl}/login\nIf it was not, you can ignore this message: nothing was changed.`,
        });
      } else {
        const token = await createSignupRequest(db, { email: body.email, name: body.name, organization: body.organization, passwordHash });
        const link = `${deps.publicUrl}/signup/confirm#token=${token}`;
        await deps.accountMail({
          to: body.email,
          subject: 'Confirm your Keel sign-up',
          text: `Follow this link within ${SIGNUP_TOKEN_TTL_SECONDS / 60} minutes to create your organization "${body.organization}":\n\n${link}\n\nIf you did not ask for this, ignore this message.`,
          link,
        });
      }
      return { status: 202, body: { status: 'confirmation_sent' as const } };
    },
  });

  const confirm = authGroup.post('/auth/signup/confirm', {
    operationId: 'confirmSignup', summary: 'Follow a sign-up confirmation link: creates the organization and its owner, and logs them in',
    body: SignupConfirmBody,
    responses: { 201: { description: 'Signed up', schema: SessionSchema } },
    async handler({ body }) {
      const orgId = randomUUID();
      const userId = randomUUID();
      const session = await withTenant(db, { orgId, userId }, async (trx) => {
        const request = await consumeSignupRequest(trx, body.token);
        if (!request) {
          throw new Problem(410, 'signup-link-invalid', 'This sign-up link is not valid', { detail: 'It was already used or has expired: sign up again.' });
        }
        const { user, organization } = await createOwnerAccount(trx, { orgId, userId }, request);
        return openSession(trx, deps, user, organization);
      });
      return { status: 201, body: session, headers: refreshCookie(session.refreshToken, cookie) };
    },
  });

  return [signup, confirm];
}
