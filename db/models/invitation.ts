import { TenantEntity } from './tenant-rows';
import type { InvitationsRow } from '../table-rows.generated';

/** An invitation for a person to join an organization. */
export interface Invitation extends InvitationsRow {}
export class Invitation extends TenantEntity {
  static override tableName = 'invitations';
}
