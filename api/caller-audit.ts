import type { Knex } from 'knex';
import { recordAudit, type AuditRecord } from '../db/audit';
import type { Auth } from './auth/roles';

/** An audit line for what the calling member did: the organization and the actor are the request's own. */
export function auditCaller(trx: Knex.Transaction, auth: Auth, entry: Omit<AuditRecord, 'orgId' | 'actorId'>): Promise<void> {
  return recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, ...entry });
}
