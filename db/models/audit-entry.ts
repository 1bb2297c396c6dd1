import { TenantRow } from './tenant-rows';

/** An append-only record of who did what to which record (write it with `recordAudit`). */
export class AuditEntry extends TenantRow {
  static override tableName = 'audit_log';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['data'];

  declare id: number;
  declare actor_id: string | null;
  declare action: string;
  declare entity_type: string;
  declare entity_id: string;
  declare data: unknown;
  declare created_at: Date;
}
