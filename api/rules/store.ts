import type { Knex } from 'knex';
import {
  findRuleRecord, insertRuleVersion, listRuleRecords, listRuleVersions, softDeleteRule, updateRuleEnabled, type RuleRecord,
} from '../../db/rule-store';
import type { RuleDefinition } from '../../domain/rules/index';
import { notFound } from '../problem';
import type { RuleView } from '../schemas/rules';

/** The rules API's side of `db/rule-store.ts`: rule records as views, a missing rule as a 404. */
function toView(row: RuleRecord): RuleView {
  return {
    id: row.id, enabled: row.enabled, position: row.position, version: row.current_version,
    ...row.definition,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    lastFiredAt: row.last_fired_at ? new Date(row.last_fired_at).toISOString() : null,
    fireCount: row.fire_count ?? 0,
  };
}

function found(exists: boolean): void {
  if (!exists) throw notFound('Rule');
}

export async function listRules(trx: Knex.Transaction, orgId: string): Promise<RuleView[]> {
  return (await listRuleRecords(trx, orgId)).map(toView);
}

export async function getRule(trx: Knex.Transaction, orgId: string, id: string): Promise<RuleView> {
  const row = await findRuleRecord(trx, orgId, id);
  if (!row) throw notFound('Rule');
  return toView(row);
}

export async function reviseRule(trx: Knex.Transaction, orgId: string, actorId: string, id: string, definition: RuleDefinition): Promise<void> {
  found(await insertRuleVersion(trx, orgId, actorId, id, definition));
}

export async function setRuleEnabled(trx: Knex.Transaction, orgId: string, actorId: string, id: string, enabled: boolean): Promise<void> {
  found(await updateRuleEnabled(trx, orgId, actorId, id, enabled));
}

export async function deleteRule(trx: Knex.Transaction, orgId: string, actorId: string, id: string): Promise<void> {
  found(await softDeleteRule(trx, orgId, actorId, id));
}

export async function ruleVersions(trx: Knex.Transaction, orgId: string, id: string) {
  const rows = await listRuleVersions(trx, orgId, id);
  if (rows.length === 0) throw notFound('Rule');
  return rows.map((row) => ({ version: row.version, definition: row.definition, createdAt: row.created_at.toISOString(), createdBy: row.created_by }));
}
