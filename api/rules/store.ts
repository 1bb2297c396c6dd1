import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { bumpRuleSetVersion } from '../../db/rule-sets';
import type { RuleDefinition } from '../../domain/rules/index';
import { notFound } from '../problem';
import type { RuleView } from '../schemas/rules';
import { recordAudit } from '../../db/audit';

interface RuleRow {
  id: string;
  position: number;
  enabled: boolean;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  definition: RuleDefinition;
  last_fired_at: Date | null;
  fire_count: number;
}

function baseQuery(trx: Knex.Transaction, orgId: string) {
  return trx('rules as r')
    .join('rule_versions as v', function () {
      this.on('v.org_id', 'r.org_id').andOn('v.rule_id', 'r.id').andOn('v.version', 'r.current_version');
    })
    .leftJoin(
      trx('rule_firings').where({ org_id: orgId }).groupBy('rule_id')
        .select('rule_id', trx.raw('max(created_at) AS last_fired_at'), trx.raw('count(*)::int AS fire_count')).as('f'),
      'f.rule_id', 'r.id',
    )
    .where('r.org_id', orgId)
    .whereNull('r.deleted_at')
    .select('r.id', 'r.position', 'r.enabled', 'r.current_version', 'r.created_at', 'r.updated_at', 'v.definition', 'f.last_fired_at', 'f.fire_count');
}

function toView(row: RuleRow): RuleView {
  return {
    id: row.id, enabled: row.enabled, position: row.position, version: row.current_version,
    ...row.definition,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    lastFiredAt: row.last_fired_at ? new Date(row.last_fired_at).toISOString() : null,
    fireCount: row.fire_count ?? 0,
  };
}

export async function listRules(trx: Knex.Transaction, orgId: string): Promise<RuleView[]> {
  const rows: RuleRow[] = await baseQuery(trx, orgId).orderBy('r.position');
  return rows.map(toView);
}

export async function getRule(trx: Knex.Transaction, orgId: string, id: string): Promise<RuleView> {
  const row: RuleRow | undefined = await baseQuery(trx, orgId).andWhere('r.id', id).first();
  if (!row) throw notFound('Rule');
  return toView(row);
}

/** A new rule goes last in the order, at version 1. */
export async function createRule(trx: Knex.Transaction, orgId: string, actorId: string, definition: RuleDefinition, enabled: boolean): Promise<string> {
  const id = randomUUID();
  const [{ next }] = await trx('rules').where({ org_id: orgId }).select(trx.raw('coalesce(max(position), 0) + 1 AS next'));
  await trx('rules').insert({ org_id: orgId, id, position: next, enabled, current_version: 1 });
  await trx('rule_versions').insert({ org_id: orgId, rule_id: id, version: 1, definition: JSON.stringify(definition), created_by: actorId });
  await changed(trx, orgId, actorId, 'rule.created', id, { version: 1 });
  return id;
}

/** Every edit is a new version; firings keep pointing at the version that fired. */
export async function reviseRule(trx: Knex.Transaction, orgId: string, actorId: string, id: string, definition: RuleDefinition): Promise<void> {
  const rule = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').forUpdate().first<{ current_version: number } | undefined>('current_version');
  if (!rule) throw notFound('Rule');
  const version = rule.current_version + 1;
  await trx('rule_versions').insert({ org_id: orgId, rule_id: id, version, definition: JSON.stringify(definition), created_by: actorId });
  await trx('rules').where({ org_id: orgId, id }).update({ current_version: version, updated_at: trx.fn.now() });
  await changed(trx, orgId, actorId, 'rule.revised', id, { version });
}

export async function setRuleEnabled(trx: Knex.Transaction, orgId: string, actorId: string, id: string, enabled: boolean): Promise<void> {
  const updated = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').update({ enabled, updated_at: trx.fn.now() });
  if (updated === 0) throw notFound('Rule');
  await changed(trx, orgId, actorId, enabled ? 'rule.enabled' : 'rule.disabled', id, {});
}

/** Deleted rules keep their versions and firings: the timelines that cite them stay readable. */
export async function deleteRule(trx: Knex.Transaction, orgId: string, actorId: string, id: string): Promise<void> {
  const updated = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').update({ deleted_at: trx.fn.now() });
  if (updated === 0) throw notFound('Rule');
  await changed(trx, orgId, actorId, 'rule.deleted', id, {});
}

/** Puts the listed rules first, in that order; the others keep their relative order after them. */
export async function orderRules(trx: Knex.Transaction, orgId: string, actorId: string, ids: string[]): Promise<string[]> {
  const existing: string[] = await trx('rules').where({ org_id: orgId }).whereNull('deleted_at').orderBy('position').forUpdate().pluck('id');
  const unknown = ids.filter((id) => !existing.includes(id));
  if (unknown.length > 0) return unknown;
  const order = [...new Set(ids), ...existing.filter((id) => !ids.includes(id))];
  for (const [index, id] of order.entries()) await trx('rules').where({ org_id: orgId, id }).update({ position: index + 1 });
  await changed(trx, orgId, actorId, 'rule.reordered', 'all', { order });
  return [];
}

export async function ruleVersions(trx: Knex.Transaction, orgId: string, id: string) {
  const rows: { version: number; definition: RuleDefinition; created_at: Date; created_by: string | null }[] = await trx('rule_versions')
    .where({ org_id: orgId, rule_id: id }).orderBy('version', 'desc');
  if (rows.length === 0) throw notFound('Rule');
  return rows.map((row) => ({ version: row.version, definition: row.definition, createdAt: row.created_at.toISOString(), createdBy: row.created_by }));
}

async function changed(trx: Knex.Transaction, orgId: string, actorId: string, action: string, id: string, data: object): Promise<void> {
  await bumpRuleSetVersion(trx, orgId);
  await recordAudit(trx, { orgId, actorId, action, entityType: 'rule', entityId: id, data });
}
