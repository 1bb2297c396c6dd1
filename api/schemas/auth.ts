import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { Email, Uuid } from './common';

export const Password = z.string().min(10, 'Use at least 10 characters.').max(200);

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

export const SessionSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), user: UserSchema, organization: OrganizationSchema })
  .meta({ id: 'Session' });

export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(500) });
export const TokenPairSchema = z.object({ accessToken: z.string(), refreshToken: z.string() });

export const TotpEnrolmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpVerifyBody = z.object({ otp: z.string().regex(/^\d{6}$/, 'A 6-digit code.') });

export const CreateUserBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: Password.optional(),
});
