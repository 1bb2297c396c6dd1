import type { Context } from 'koa';
import type { Db } from '../../db/connection';
import { portalSessionContact, type PortalContact } from '../../db/portal-access';
import { withTenant } from '../../db/tenant';
import { helpCentreOrg, type HelpCentreOrg } from '../../db/help-centre';
import { hashInvitationToken as hashToken } from '../invitations/tokens';
import { notFound, unauthorized } from '../problem';
import { readPortalCookie } from './session-cookie';

/** A signed-in customer: the org of the portal URL and the contact its session belongs to. */
export interface PortalCustomer {
  org: HelpCentreOrg;
  contact: PortalContact;
}

/** The org a portal URL names (the help centre's slug lookup, before any tenant is set). */
export async function portalOrg(db: Db, slug: string): Promise<HelpCentreOrg> {
  const org = await helpCentreOrg(db, slug);
  if (!org) throw notFound('Portal');
  return org;
}

/** The customer signed in to this org's portal, or null (no cookie, an expired or revoked session, another org's). */
export async function findPortalCustomer(db: Db, ctx: Context, org: HelpCentreOrg): Promise<PortalCustomer | null> {
  const token = readPortalCookie(ctx);
  if (!token) return null;
  const contact = await withTenant(db, { orgId: org.id }, (trx) => portalSessionContact(trx, org.id, hashToken(token)));
  return contact ? { org, contact } : null;
}

/** The same, or a 401: every portal route but sign-in needs one. */
export async function portalCustomer(db: Db, ctx: Context, slug: string): Promise<PortalCustomer> {
  const customer = await findPortalCustomer(db, ctx, await portalOrg(db, slug));
  if (!customer) throw unauthorized('portal-sign-in-required', 'Sign in to the portal with the link mailed to you.');
  return customer;
}
