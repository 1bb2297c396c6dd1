import { TenantEntity } from './tenant-rows';

/** An invitation for a person to join an organization. */
export class Invitation extends TenantEntity {
  static override tableName = 'invitations';

  declare email: string;
  declare name: string;
  declare role: string;
  declare token_hash: string;
  declare invited_by: string;
  declare expires_at: Date;
  declare accepted_at: Date | null;
  declare accepted_by: string | null;
  declare revoked_at: Date | null;
}
