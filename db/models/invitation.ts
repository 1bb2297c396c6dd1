import { ScopedModel } from './scoped-model';

/** An invitation for a person to join an organization. */
export class Invitation extends ScopedModel {
  static override tableName = 'invitations';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare email: string;
  declare name: string;
  declare role: string;
  declare token_hash: string;
  declare invited_by: string;
  declare expires_at: Date;
  declare accepted_at: Date | null;
  declare accepted_by: string | null;
  declare revoked_at: Date | null;
  declare created_at: Date;
}
