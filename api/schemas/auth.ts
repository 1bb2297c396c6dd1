import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/password-policy';
import { ROLES } from '../auth/roles';
import { Email, Uuid } from './common';

/** A new password: the length, then the blocklist and the repetition rules (`api/auth/password-policy.ts`). */
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  .superRefine((password, ctx) => {
    const problem = password.length >= MIN_PASSWORD_LENGTH ? passwordProblem(password) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const UserSchema = z
  .object({ id: Uuid, email: z.string(), name: z.string(), role: z.enum(ROLES) })
  .meta({ id: 'User' });

export const OrganizationSchema = z.object({ id: Uuid, name: z.string(), slug: z.string() }).meta({ id: 'Organization' });

export const SignupBody = z.object({
  organization: z.string().trim().min(2).max(100),
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
});

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  otp: z.string().regex(/^\d{6}$/, 'A 6-digit code.').optional(),
  organization: z.string().max(100).optional(),
});

/** `refreshToken` is also set as the HttpOnly `keel_refresh` cookie; API clients without a cookie jar use this copy. */
export const SessionSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), user: UserSchema, organization: OrganizationSchema })
  .meta({ id: 'Session' });

export const SignupAcceptedSchema = z.object({ status: z.literal('confirmation_sent') }).meta({ id: 'SignupAccepted' });
export const SignupConfirmBody = z.object({ token: z.string().min(1).max(200) });

/** Without `refreshToken`, the `keel_refresh` cookie is used (the console's way). */
export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(500).optional() });
export const TokenPairSchema = z.object({ accessToken: z.string(), refreshToken: z.string() });

export const TotpEnrolmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpVerifyBody = z.object({ otp: z.string().regex(/^\d{6}$/, 'A 6-digit code.') });

export const CreateUserBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: Password.optional(),
});

export const PasswordResetBody = z.object({ email: Email });
export const PasswordResetAcceptedSchema = z.object({ status: z.literal('reset_link_sent') }).meta({ id: 'PasswordResetAccepted' });
export const PasswordResetConfirmBody = z.object({ token: z.string().min(1).max(200), password: Password });

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export const PasswordChangedSchema = z
  .object({ sessionsEnded: z.number().int().min(0).meta({ description: 'How many of your other sessions (in every organization) were signed out' }) })
  .meta({ id: 'PasswordChanged' });
