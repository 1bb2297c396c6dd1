import { TenantEntity } from './tenant-rows';
import type { PortalMagicLinksRow } from '../table-rows.generated';

/** A one-time sign-in link mailed to a customer's address (its token kept as a hash). */
export interface PortalMagicLink extends PortalMagicLinksRow {}
export class PortalMagicLink extends TenantEntity {
  static override tableName = 'portal_magic_links';
}
