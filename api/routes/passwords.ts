import { withTenant } from '../../db/tenant';
import type { LoginLimiter } from '../auth/login-limiter';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { consumePasswordReset, createPasswordReset, PASSWORD_RESET_TTL_SECONDS } from '../auth/password-resets';
import { passwordResetMail } from '../auth/password-reset-mail';
import { ACCESS } from '../auth/roles';
import { createSignupLimiter } from '../auth/signup-limiter';
import type { ApiDeps } from '../deps';
import { Problem, unauthorized } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import {
  ChangePasswordBody,
  PasswordChangedSchema,
  PasswordResetAcceptedSchema,
  PasswordResetBody,
  PasswordResetConfirmBody,
} from '../schemas/auth';
import { changeOwnPassword, ownPasswordHash } from '../../db/password-reset-store';
import { userContact } from '../../db/user-store';

const authGroup = routeGroup({ tag: 'auth', access: 'public' });

/**
 * Forgotten passwords and password changes.
 *
 * Asking for a reset answers 202 with the same body whether or not the address has a login,
 * and the mail goes out after the answer, so neither the body nor the time it takes tells who
 * has an account. Following the link sets the password and signs the person out everywhere;
 * it does not sign them in (a second factor, when they have one, is still asked at login).
 * A signed-in person changing their password proves the current one first (failures count
 * against the login throttle) and stays signed in in this session only.
 */
export function passwordRoutes(deps: ApiDeps, loginLimiter: LoginLimiter) {
  const { db } = deps;
  const limiter = createSignupLimiter(deps.signupLimits, 'password-reset');

  /** Account mail that must not hold up or change the answer: a failure is logged, not shown. */
  const mailLater = (mail: Parameters<ApiDeps['accountMail']>[0], what: string): void => {
    deps.accountMail(mail).catch((error: unknown) => deps.logger.error({ err: error }, `${what} not sent`));
  };

  const requestReset = authGroup.post('/auth/password-reset', {
    operationId: 'requestPasswordReset', summary: 'Forgot password: mails a single-use reset link to the address, if it has a login',
    body: PasswordResetBody,
    responses: {
      202: { description: 'Accepted (the same answer whether or not the address has a login)', schema: PasswordResetAcceptedSchema },
      429: { description: 'Too many requests from this IP or for this address (`Retry-After` says when to try again)', schema: ProblemSchema },
    },
    async handler({ body, ctx }) {
      await limiter.admit(ctx.ip, body.email);
      const link = await createPasswordReset(db, body.email);
      if (link) mailLater(passwordResetMail(deps.publicUrl, link), 'password-reset mail');
      return { status: 202, body: { status: 'reset_link_sent' as const } };
    },
  });

  const confirmReset = authGroup.post('/auth/password-reset/confirm', {
    operationId: 'confirmPasswordReset', summary: 'Follow a reset link: sets the new password and signs the person out of every session',
    body: PasswordResetConfirmBody,
    responses: {
      204: { description: 'Password set; every session of the login has ended (log in with the new password)' },
      410: { description: 'The link was already used, was replaced by a newer one, or has expired (`reset-link-used`, `reset-link-expired`, `reset-link-invalid`)', schema: ProblemSchema },
    },
    async handler({ body }) {
      const result = await consumePasswordReset(db, body.token, await hashPassword(body.password));
      if (result.outcome !== 'reset') throw linkProblem(result.outcome);
      mailLater({
        to: result.email,
        subject: 'Your Keel password was changed',
        text: `Hello ${result.name},\n\nThe password of your Keel account was just reset with a link mailed to this address, and every session was signed out.\n\nIf this was not you, reset it again now (${deps.publicUrl}/forgot-password) and tell your administrator.`,
      }, 'password-changed notice');
      return { status: 204 };
    },
  });

  const changePassword = authGroup.post('/auth/password', {
    access: ACCESS.anyMember, operationId: 'changePassword',
    summary: 'Change your password: proves the current one; your other sessions (in every organization) are signed out, this one stays',
    body: ChangePasswordBody,
    responses: {
      200: { description: 'Changed', schema: PasswordChangedSchema },
      422: { description: 'The current password is wrong (`wrong-password`), or the new one is the same (`password-unchanged`)', schema: ProblemSchema },
      429: { description: 'Too many wrong current passwords (`Retry-After` says when to try again)', schema: ProblemSchema },
    },
    async handler({ auth, body, ctx }) {
      const outcome = await withTenant(db, auth, async (trx) => {
        const contact = await userContact(trx, auth.userId);
        if (!contact) throw unauthorized('invalid-token', 'This membership no longer exists.');
        await loginLimiter.admit(ctx.ip, contact.email);
        if (!(await verifyPassword(await ownPasswordHash(trx, auth.userId), body.currentPassword))) {
          await loginLimiter.failed(ctx.ip, contact.email);
          throw new Problem(422, 'wrong-password', 'The current password is wrong', {
            errors: [{ pointer: '/currentPassword', message: 'This is not your current password.' }],
          });
        }
        await loginLimiter.succeeded(ctx.ip, contact.email);
        if (body.newPassword === body.currentPassword) {
          throw new Problem(422, 'password-unchanged', 'The new password is the current one', {
            errors: [{ pointer: '/newPassword', message: 'Choose a password different from the current one.' }],
          });
        }
        const keep = { orgId: auth.orgId, familyId: auth.sessionId ?? '00000000-0000-0000-0000-000000000000' };
        const sessionsEnded = await changeOwnPassword(trx, await hashPassword(body.newPassword), keep);
        return { contact, sessionsEnded };
      });
      mailLater({
        to: outcome.contact.email,
        subject: 'Your Keel password was changed',
        text: `Hello ${outcome.contact.name},\n\nThe password of your Keel account was just changed by you, signed in, and your other sessions were signed out.\n\nIf this was not you, reset it now (${deps.publicUrl}/forgot-password) and tell your administrator.`,
      }, 'password-changed notice');
      return { status: 200, body: { sessionsEnded: outcome.sessionsEnded } };
    },
  });

  return [requestReset, confirmReset, changePassword];
}

/** Why a reset link did not work, said plainly: the person holding it may know (it tells nothing about anyone else). */
function linkProblem(outcome: 'unknown' | 'used' | 'expired'): Problem {
  if (outcome === 'expired') {
    return new Problem(410, 'reset-link-expired', 'This password-reset link has expired', {
      detail: `Links work for ${PASSWORD_RESET_TTL_SECONDS / 60} minutes: ask for a new one from the login page.`,
    });
  }
  if (outcome === 'used') {
    return new Problem(410, 'reset-link-used', 'This password-reset link was already used', {
      detail: 'Each link works once, and asking again replaces earlier links: use the newest one, or ask for a new one.',
    });
  }
  return new Problem(410, 'reset-link-invalid', 'This password-reset link is not valid', { detail: 'Open the link from the email again, or ask for a new one.' });
}
