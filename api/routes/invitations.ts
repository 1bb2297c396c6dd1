import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { acceptInvitation, openInvitation } from '../invitations/accept';
import { createInvitation, invitationView, revokeInvitation } from '../invitations/store';
import { listOpenInvitations } from '../../db/invitation-store';
import { routeGroup } from '../route-group';
import { keysetPage } from '../keyset-page';
import { decodeCursor, page } from '../schemas/common';
import {
  AcceptInvitationBody,
  AcceptedInvitationSchema,
  InvitationIdParams,
  InvitationSchema,
  InvitationTokenParams,
  InviteBody,
  ListInvitationsQuery,
  PublicInvitationSchema,
} from '../schemas/invitations';

const InvitationCursor = z.object({ c: z.iso.datetime(), id: z.uuid() });

const users = routeGroup({ tag: 'users', access: ACCESS.manageMembers });

/** Inviting a member, declared once: `POST /invitations` and the older `POST /users` both answer it. */
export function inviteRoute(deps: ApiDeps, { path, ...declared }: { path: string; operationId: string; summary: string }) {
  return users.post(path, {
    ...declared, body: InviteBody,
    responses: { 201: { description: 'Invited (the same answer whether or not the address has a login elsewhere)', schema: InvitationSchema } },
    async handler({ auth, body }) {
      return { status: 201, body: await createInvitation(deps, auth, body) };
    },
  });
}

/** Invitations: admins propose, the invitee accepts with the mailed token (public routes). */
export function invitationRoutes(deps: ApiDeps) {
  const create = inviteRoute(deps, {
    path: '/invitations', operationId: 'createInvitation',
    summary: 'Invite a person to the caller’s organization (mails a single-use link valid 7 days)',
  });

  const list = users.get('/invitations', {
    operationId: 'listInvitations', summary: 'Invitations neither accepted nor revoked (pending or expired), newest first',
    query: ListInvitationsQuery,
    responses: { 200: { description: 'A page of invitations', schema: page(InvitationSchema) } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, InvitationCursor);
      const rows = await withTenant(deps.db, auth, (trx) => listOpenInvitations(trx, auth.orgId, { after: after ?? null, limit: query.limit }));
      return { status: 200, body: keysetPage(rows, query.limit, (row) => invitationView(row), (last) => ({ c: last.created_at.toISOString(), id: last.id })) };
    },
  });

  const revoke = users.post('/invitations/{id}/revoke', {
    operationId: 'revokeInvitation', summary: 'Withdraw an invitation: its link stops working',
    params: InvitationIdParams,
    responses: { 204: { description: 'Revoked' } },
    async handler({ auth, params }) {
      await revokeInvitation(deps, auth, params.id);
      return { status: 204 };
    },
  });

  const show = users.get('/invitations/{token}', {
    access: 'public', operationId: 'getInvitation', summary: 'What an invitation link offers: the organization and role',
    params: InvitationTokenParams,
    responses: { 200: { description: 'The invitation', schema: PublicInvitationSchema } },
    async handler({ params }) {
      const invitation = await openInvitation(deps, params.token);
      return {
        status: 200,
        body: { organization: { name: invitation.orgName }, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString(), signInRequired: invitation.identityId !== null && invitation.identityHasPassword },
      };
    },
  });

  const accept = users.post('/invitations/{token}/accept', {
    access: 'public', operationId: 'acceptInvitation', summary: 'Accept: a new person sends name and password; a person with a login sends only their access token',
    params: InvitationTokenParams, body: AcceptInvitationBody,
    responses: { 200: { description: 'Joined; sign in to the organization', schema: AcceptedInvitationSchema } },
    async handler({ params, body, ctx }) {
      return { status: 200, body: await acceptInvitation(deps, ctx, params.token, body) };
    },
  });

  return [create, list, revoke, show, accept];
}
