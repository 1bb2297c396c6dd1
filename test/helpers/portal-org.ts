import type { Db } from '../../db/connection';
import { signupOrg, type Org } from './api-client';

/** A new org through sign-up, with the slug its portal and help centre live under (read as the owner). */
export async function signupPortalOrg(baseUrl: string, owner: Db): Promise<Org & { slug: string }> {
  const org = await signupOrg(baseUrl);
  return { ...org, slug: (await owner('organizations').where('id', org.orgId).first()).slug };
}
