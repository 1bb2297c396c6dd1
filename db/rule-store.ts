import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { RuleDefinition } from '../domain/rules/index';
import { recordAudit } from './audit';
import { bumpRuleSetVersion } from './rule-sets';
import { tenantJoin } from './tenant-join';

/**
 * An org's automation rules as the designer edits them: every edit a new version, deletions
 * soft (firings and timelines keep citing the version that fired). Each change moves the
 * rule-set version and leaves an audit line. A rule that is not there (or deleted) answers
 * false / null / [] rather than throwing: the caller says what that means.
 */
export interface RuleRecord {
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

export interface RuleVersionRecord { version: number; definition: RuleDefinition; created_at: Date; created_by: string | null }

function baseQuery(trx: Knex.Transaction, orgId: string) {
  return trx('rules as r')
    .join('rule_versions as v', tenantJoin(['v.rule_id', 'r.id'], ['v.version', 'r.current_version']))
    .leftJoin(
      trx('rule_firings').where({ org_id: orgId }).groupBy('rule_id')
        .select('rule_id', trx.raw('max(created_at) AS last_fired_at'), trx.raw('count(*)::int AS fire_count')).as('f'),
      'f.rule_id', 'r.id',
    )
    .where('r.org_id', orgId)
    .whereNull('r.deleted_at')
    .select('r.id', 'r.position', 'r.enabled', 'r.current_version', 'r.created_at', 'r.updated_at', 'v.definition', 'f.last_fired_at', 'f.fire_count');
}

export async function listRuleRecords(trx: Knex.Transaction, orgId: string): Promise<RuleRecord[]> {
  return baseQuery(trx, orgId).orderBy('r.position');
}

export async function findRuleRecord(trx: Knex.Transaction, orgId: string, id: string): Promise<RuleRecord | undefined> {
  return baseQuery(trx, orgId).andWhere('r.id', id).first();
}

/** A new rule goes last in the order, at version 1. */
export async function insertRule(trx: Knex.Transaction, orgId: string, actorId: string, definition: RuleDefinition, enabled: boolean): Promise<string> {
  const id = randomUUID();
  const [{ next }] = await trx('rules').where({ org_id: orgId }).select(trx.raw('coalesce(max(position), 0) + 1 AS next'));
  await trx('rules').insert({ org_id: orgId, id, position: next, enabled, current_version: 1 });
  await trx('rule_versions').insert({ org_id: orgId, rule_id: id, version: 1, definition: JSON.stringify(definition), created_by: actorId });
  await changed(trx, orgId, actorId, 'rule.created', id, { version: 1 });
  return id;
}

/** Saves the definition as the rule's next version; false when there is no such rule. */
export async function insertRuleVersion(trx: Knex.Transaction, orgId: string, actorId: string, id: string, definition: RuleDefinition): Promise<boolean> {
  const rule = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').forUpdate().first<{ current_version: number } | undefined>('current_version');
  if (!rule) return false;
  const version = rule.current_version + 1;
  await trx('rule_versions').insert({ org_id: orgId, rule_id: id, version, definition: JSON.stringify(definition), created_by: actorId });
  await trx('rules').where({ org_id: orgId, id }).update({ current_version: version, updated_at: trx.fn.now() });
  await changed(trx, orgId, actorId, 'rule.revised', id, { version });
  return true;
}

export async function updateRuleEnabled(trx: Knex.Transaction, orgId: string, actorId: string, id: string, enabled: boolean): Promise<boolean> {
  const updated = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').update({ enabled, updated_at: trx.fn.now() });
  if (updated === 0) return false;
  await changed(trx, orgId, actorId, enabled ? 'rule.enabled' : 'rule.disabled', id, {});
  return true;
}

/** Deleted rules keep their versions and firings: the timelines that cite them stay readable. */
export async function softDeleteRule(trx: Knex.Transaction, orgId: string, actorId: string, id: string): Promise<boolean> {
  const updated = await trx('rules').where({ org_id: orgId, id }).whereNull('deleted_at').update({ deleted_at: trx.fn.now() });
  if (updated === 0) return false;
  await changed(trx, orgId, actorId, 'rule.deleted', id, {});
  return true;
}

/** Puts the listed rules first, in that order; the others keep their relative order after them. Answers the ids that are not rules. */
export async function reorderRules(trx: Knex.Transaction, orgId: string, actorId: string, ids: string[]): Promise<string[]> {
  const existing: string[] = await trx('rules').where({ org_id: orgId }).whereNull('deleted_at').orderBy('position').forUpdate().pluck('id');
  const unknown = ids.filter((id) => !existing.includes(id));
  if (unknown.length > 0) return unknown;
  const order = [...new Set(ids), ...existing.filter((id) => !ids.includes(id))];
  for (const [index, id] of order.entries()) await trx('rules').where({ org_id: orgId, id }).update({ position: index + 1 });
  await changed(trx, orgId, actorId, 'rule.reordered', 'all', { order });
  return [];
}

/** Every saved version of the rule, newest first (none: no such rule). */
export async function listRuleVersions(trx: Knex.Transaction, orgId: string, id: string): Promise<RuleVersionRecord[]> {
  return trx('rule_versions').where({ org_id: orgId, rule_id: id }).orderBy('version', 'desc');
}

/** The ids a rule may name: agents (by role) and teams of the org. */
export async function ruleTargets(trx: Knex.Transaction, orgId: string, agentRoles: readonly string[]): Promise<{ agentIds: string[]; teamIds: string[] }> {
  const [agentIds, teamIds] = await Promise.all([
    trx('memberships').where({ org_id: orgId }).whereIn('role', agentRoles).whereNull('deactivated_at').pluck('user_id'),
    trx('teams').where({ org_id: orgId }).whereNull('deleted_at').pluck('id'),
  ]);
  return { agentIds, teamIds };
}

async function changed(trx: Knex.Transaction, orgId: string, actorId: string, action: string, id: string, data: object): Promise<void> {
  await bumpRuleSetVersion(trx, orgId);
  await recordAudit(trx, { orgId, actorId, action, entityType: 'rule', entityId: id, data });
}
