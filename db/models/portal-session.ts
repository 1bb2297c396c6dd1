import { TenantEntity } from './tenant-rows';
import type { PortalSessionsRow } from '../table-rows.generated';

/** A customer signed in to the portal: one contact of one org (its cookie token kept as a hash). */
export interface PortalSession extends PortalSessionsRow {}
export class PortalSession extends TenantEntity {
  static override tableName = 'portal_sessions';
}
