import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { Password, UserSchema } from './auth';
import { Email, PageQuery, Uuid } from './common';

/**
 * `POST /users` and `POST /invitations` take the same body. `password` is part of the
 * documented contract but refused: an invitee chooses their own password when accepting.
 */
export const InviteBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string().max(200).optional().meta({ description: 'Refused (422): invitees set their own password when they accept.' }),
});
export type InviteBody = z.infer<typeof InviteBody>;

export const InvitationSchema = z
  .object({
    id: Uuid,
    email: z.string(),
    /** What the inviter typed, never anything read from an existing login. */
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['pending', 'expired']),
    invitedBy: Uuid,
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.infer<typeof InvitationSchema>;

export const ListInvitationsQuery = z.object(PageQuery);
export const InvitationIdParams = z.object({ id: Uuid });
export const InvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not an invitation token.') });

export const PublicInvitationSchema = z
  .object({
    organization: z.object({ name: z.string() }),
    email: z.string(),
    role: z.enum(ROLES),
    expiresAt: z.string(),
    /** The address already has a Keel login: accept while signed in as it. */
    signInRequired: z.boolean(),
  })
  .meta({ id: 'PublicInvitation' });

export const AcceptInvitationBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  password: Password.optional(),
});

export const AcceptedInvitationSchema = z
  .object({ organization: z.object({ id: Uuid, name: z.string(), slug: z.string() }), user: UserSchema })
  .meta({ id: 'AcceptedInvitation' });
