import type { Knex } from 'knex';
import { findMember } from '../../db/member-directory';
import { findOrganization } from '../../db/organization-store';
import type { ApiDeps } from '../deps';
import { signAccessToken } from './access-tokens';
import { issueRefreshToken } from './refresh-tokens';
import type { Role } from './roles';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface SessionOrganization {
  id: string;
  name: string;
  slug: string;
}

/** Issues a refresh token (a new family unless one is given) and an access token bound to that family, inside the tenant transaction. */
export async function openSession(
  trx: Knex.Transaction,
  deps: ApiDeps,
  user: SessionUser,
  organization: SessionOrganization,
  familyId?: string,
) {
  const refresh = await issueRefreshToken(trx, {
    orgId: organization.id,
    userId: user.id,
    ttlSeconds: deps.refreshTokenTtlSeconds,
    ...(familyId && { familyId }),
  });
  const accessToken = await signAccessToken({ userId: user.id, orgId: organization.id, role: user.role }, refresh.familyId, deps.accessTokens);
  return { accessToken, refreshToken: refresh.token, user, organization };
}

/** The member as the API shows them, read within the current tenant. */
export async function loadMember(trx: Knex.Transaction, orgId: string, userId: string): Promise<SessionUser | null> {
  const row = await findMember(trx, orgId, userId);
  return row ? { ...row, role: row.role as Role } : null;
}

export async function loadOrganization(trx: Knex.Transaction, orgId: string): Promise<SessionOrganization | null> {
  return (await findOrganization(trx, orgId)) ?? null;
}
