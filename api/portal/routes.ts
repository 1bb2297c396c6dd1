import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { routeGroup } from '../route-group';
import {
  PortalCustomerSchema, PortalParams, PortalReplyBody, PortalRequestBody, PortalRequestDetail, PortalRequestParams,
  PortalRequestSummary, RateTicketBody, SignInBody, SignInLinkBody, SolvedSchema, SubmittedSchema, TicketRatingSchema,
} from '../schemas/portal';
import { portalCustomer, portalOrg } from './portal-org';
import { rateRequest } from './ratings';
import { sentReaderId } from '../help-centre/reader-cookie';
import { listRequests, replyToRequest, requestDetail, solveRequest, submitRequest } from './requests';
import { clearedPortalCookie, portalCookie, readPortalCookie } from './session-cookie';
import { PORTAL_SESSION_TTL_SECONDS, requestMagicLink, signInWithMagicLink, signOut } from './sign-in';

const SIGN_IN_REQUIRED = { description: 'Not signed in to this portal (no session, or one that expired or belongs to another org)' };

const portal = routeGroup({ tag: 'portal', access: 'public' });

/**
 * The customer portal's API under `/portal/{orgSlug}`: sign-in by magic link, the contact's
 * own requests (new, list, detail with the public conversation, reply) and CSAT. These routes
 * take no bearer token: the portal session cookie names one contact of the slug's org.
 */
export function portalRoutes(deps: ApiDeps) {
  const { db } = deps;
  const secure = deps.publicUrl.startsWith('https:');

  const askLink = portal.post('/portal/{orgSlug}/sign-in-links', {
    operationId: 'requestPortalSignInLink', summary: 'Mail a one-time sign-in link to an address (the same answer whether or not it is known)',
    params: PortalParams, body: SignInLinkBody,
    responses: { 202: { description: 'Mailed' }, 429: { description: 'Too many links asked for this address or from this IP' }, 502: { description: 'The mail server did not take the mail' } },
    async handler({ params, body, ctx }) {
      await requestMagicLink(deps, await portalOrg(db, params.orgSlug), { email: body.email, ip: ctx.ip || null });
      return { status: 202 };
    },
  });

  const signIn = portal.post('/portal/{orgSlug}/sessions', {
    operationId: 'signInToPortal', summary: "Use a magic link's token: opens a portal session (cookie) for the address's contact",
    params: PortalParams, body: SignInBody,
    responses: { 200: { description: 'Signed in', schema: PortalCustomerSchema }, 410: { description: 'The link was used already or expired' } },
    async handler({ params, body, ctx }) {
      const session = await signInWithMagicLink(deps, await portalOrg(db, params.orgSlug), body.token, sentReaderId(ctx));
      return {
        status: 200,
        body: { email: session.contact.email, name: null },
        headers: portalCookie(session.sessionToken, { secure, maxAgeSeconds: PORTAL_SESSION_TTL_SECONDS }),
      };
    },
  });

  const leave = portal.delete('/portal/{orgSlug}/sessions/current', {
    operationId: 'signOutOfPortal', summary: 'End the portal session',
    params: PortalParams,
    responses: { 204: { description: 'Signed out' } },
    async handler({ params, ctx }) {
      const token = readPortalCookie(ctx);
      if (token) await signOut(deps, await portalOrg(db, params.orgSlug), token);
      return { status: 204, headers: clearedPortalCookie({ secure }) };
    },
  });

  const me = portal.get('/portal/{orgSlug}/me', {
    operationId: 'getPortalCustomer', summary: 'Who is signed in to this portal',
    params: PortalParams,
    responses: { 200: { description: 'The contact', schema: PortalCustomerSchema }, 401: SIGN_IN_REQUIRED },
    async handler({ params, ctx }) {
      const { contact } = await portalCustomer(db, ctx, params.orgSlug);
      return { status: 200, body: { email: contact.email, name: contact.name } };
    },
  });

  const submit = portal.post('/portal/{orgSlug}/requests', {
    operationId: 'submitPortalRequest', summary: 'Submit a request (channel web): subject, description, attachments',
    params: PortalParams, body: PortalRequestBody,
    responses: {
      201: { description: 'The ticket it opened', schema: SubmittedSchema }, 401: SIGN_IN_REQUIRED,
      422: { description: 'The request cannot be taken as it is' }, 429: { description: 'Too many requests from this address' },
    },
    async handler({ params, body, ctx }) {
      const number = await submitRequest(deps, await portalCustomer(db, ctx, params.orgSlug), body);
      return { status: 201, body: { number } };
    },
  });

  const list = portal.get('/portal/{orgSlug}/requests', {
    operationId: 'listPortalRequests', summary: "The signed-in contact's own requests, latest first",
    params: PortalParams,
    responses: { 200: { description: 'Requests', schema: z.object({ data: z.array(PortalRequestSummary) }) }, 401: SIGN_IN_REQUIRED },
    async handler({ params, ctx }) {
      return { status: 200, body: { data: await listRequests(deps, await portalCustomer(db, ctx, params.orgSlug)) } };
    },
  });

  const detail = portal.get('/portal/{orgSlug}/requests/{number}', {
    operationId: 'getPortalRequest', summary: 'One of the contact’s requests with its public conversation (never internal notes) and rating',
    params: PortalRequestParams,
    responses: { 200: { description: 'The request', schema: PortalRequestDetail }, 401: SIGN_IN_REQUIRED },
    async handler({ params, ctx }) {
      return { status: 200, body: await requestDetail(deps, await portalCustomer(db, ctx, params.orgSlug), params.number) };
    },
  });

  const reply = portal.post('/portal/{orgSlug}/requests/{number}/replies', {
    operationId: 'replyToPortalRequest', summary: 'Reply on one of the contact’s requests (a customer message on the ticket)',
    params: PortalRequestParams, body: PortalReplyBody,
    responses: {
      202: { description: 'Taken: the ticket shows it once its workflow has it', schema: SubmittedSchema }, 401: SIGN_IN_REQUIRED,
      409: { description: 'The request is closed' }, 429: { description: 'Too many messages from this address' },
    },
    async handler({ params, body, ctx }) {
      const number = await replyToRequest(deps, await portalCustomer(db, ctx, params.orgSlug), params.number, body);
      return { status: 202, body: { number } };
    },
  });

  const solve = portal.post('/portal/{orgSlug}/requests/{number}/solve', {
    operationId: 'solvePortalRequest', summary: 'The contact marks one of their requests solved (a reply later reopens it)',
    params: PortalRequestParams,
    responses: { 200: { description: 'Solved', schema: SolvedSchema }, 401: SIGN_IN_REQUIRED, 409: { description: 'The request is closed' } },
    async handler({ params, ctx }) {
      return { status: 200, body: await solveRequest(deps, await portalCustomer(db, ctx, params.orgSlug), params.number) };
    },
  });

  const rate = portal.post('/portal/{orgSlug}/requests/{number}/rating', {
    operationId: 'rateTicket', summary: 'Rate a solved request (good / bad, a comment), signed in or by the signed link; the first rating stands',
    params: PortalRequestParams, body: RateTicketBody,
    responses: {
      201: { description: 'Stored', schema: TicketRatingSchema }, 200: { description: 'Rated before: the stored rating, unchanged', schema: TicketRatingSchema },
      401: { description: 'Neither signed in nor a valid rating link' }, 409: { description: 'The request is not solved' },
    },
    async handler({ params, body, ctx }) {
      const result = await rateRequest(deps, ctx, params.orgSlug, params.number, body);
      return { status: result.stored ? 201 : 200, body: result.rating };
    },
  });

  return [askLink, signIn, leave, me, submit, list, detail, reply, solve, rate];
}
