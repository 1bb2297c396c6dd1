import type { Knex } from 'knex';
import type { PolicyRow } from './sla-policies';

/** The settable columns of an SLA policy (JSON ones already serialised). */
export interface PolicyColumns {
  name: string;
  position: number;
  conditions: string;
  targets: string;
  hours: 'business' | 'calendar';
  calendar_id: string | null;
  pause_statuses: string[];
  warn_at: number;
}

/** The org's policies in the order they are tried. */
export async function listPolicyRows(trx: Knex.Transaction, orgId: string): Promise<PolicyRow[]> {
  return trx('sla_policies').where({ org_id: orgId }).orderBy(['position', 'name']);
}

export async function insertPolicy(trx: Knex.Transaction, orgId: string, id: string, columns: PolicyColumns): Promise<void> {
  await trx('sla_policies').insert({ org_id: orgId, id, ...columns });
}

/** False when the org has no such policy. */
export async function replacePolicy(trx: Knex.Transaction, orgId: string, id: string, columns: PolicyColumns): Promise<boolean> {
  return (await trx('sla_policies').where({ org_id: orgId, id }).update({ ...columns, updated_at: trx.fn.now() })) > 0;
}

/** False when the org has no such policy. */
export async function deletePolicy(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await trx('sla_policies').where({ org_id: orgId, id }).delete()) > 0;
}
