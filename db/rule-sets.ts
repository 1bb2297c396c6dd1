import type { Knex } from 'knex';
import type { RuleDefinition, VersionedRule } from '../domain/rules/index';
import { tenantJoin } from './tenant-join';

export interface StoredRuleSet {
  version: number;
  rules: VersionedRule[];
}

/** The version of an org's rule set: one cheap read decides whether a cached set is current. */
export async function ruleSetVersion(trx: Knex.Transaction, orgId: string): Promise<number> {
  const row = await trx('rule_sets').where({ org_id: orgId }).first<{ version: number } | undefined>('version');
  return row?.version ?? 0;
}

/** An org's enabled rules at their current versions, in order. */
export async function loadRuleSet(trx: Knex.Transaction, orgId: string): Promise<StoredRuleSet> {
  const version = await ruleSetVersion(trx, orgId);
  const rows: { id: string; position: number; version: number; definition: RuleDefinition }[] = await trx('rules as r')
    .join('rule_versions as v', tenantJoin(['v.rule_id', 'r.id'], ['v.version', 'r.current_version']))
    .where({ 'r.org_id': orgId, 'r.enabled': true })
    .whereNull('r.deleted_at')
    .orderBy('r.position')
    .select('r.id', 'r.position', 'v.version', 'v.definition');
  return { version, rules: rows.map((row) => ({ id: row.id, version: row.version, position: row.position, definition: row.definition })) };
}

/** Any change to an org's rules moves its rule-set version, retiring cached engines. */
export async function bumpRuleSetVersion(trx: Knex.Transaction, orgId: string): Promise<void> {
  await trx.raw(
    `INSERT INTO rule_sets (org_id, version) VALUES (?, 1) ON CONFLICT (org_id) DO UPDATE SET version = rule_sets.version + 1`,
    [orgId],
  );
}
