import { createHash, randomBytes } from 'node:crypto';

/** How long an invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** A fresh invitation token: 256 random bits, URL-safe. Only its hash is stored. */
export const newInvitationToken = (): string => randomBytes(32).toString('base64url');

export const hashInvitationToken = (token: string): string => createHash('sha256').update(token).digest('hex');
