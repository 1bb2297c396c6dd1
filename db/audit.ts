import type { Knex } from 'knex';
import { AuditEntry } from './models/audit-entry';

/** One line of the append-only audit log: who did what to which record. */
export interface AuditRecord {
  orgId: string;
  /** The person acting; null for the system (an automation, an inbound email). */
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `ticket.created`, `mailbox.updated`. */
  action: string;
  entityType: string;
  entityId: string | number;
  /** What changed; the column defaults to `{}` when left out. */
  data?: object;
}

/** Appends one or more audit lines in the caller's tenant transaction (the app role may only insert). */
export async function recordAudit(trx: Knex.Transaction, records: AuditRecord | readonly AuditRecord[]): Promise<void> {
  const list = Array.isArray(records) ? records : [records as AuditRecord];
  if (list.length === 0) return;
  await AuditEntry.query(trx).insert(
    list.map((record) => ({
      org_id: record.orgId,
      actor_id: record.actorId,
      action: record.action,
      entity_type: record.entityType,
      entity_id: String(record.entityId),
      ...(record.data !== undefined && { data: record.data }),
    })),
  );
}
