import { TenantRow } from './tenant-rows';
import type { AuditLogRow } from '../table-rows.generated';

/** An append-only record of who did what to which record (write it with `recordAudit`). */
export interface AuditEntry extends AuditLogRow {}
export class AuditEntry extends TenantRow {
  static override tableName = 'audit_log';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['data'];
}
