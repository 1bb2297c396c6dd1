import type { Knex } from 'knex';
import { loadRuleSet, ruleSetVersion } from '../../db/rule-sets';
import type { RuleEventType } from '../../domain/rules/index';

/**
 * Which rule events an org's enabled rules listen to, at a rule-set version. The record
 * activities return it with every write, so the ticket workflow learns it from an activity
 * result (deterministic on replay) and runs no rules activity for a change no rule hears.
 */
export interface RuleInterest {
  version: number;
  events: RuleEventType[];
}

/**
 * A per-process cache keyed by rule-set version: one indexed read per write while the org's
 * rules are unchanged, and a reload of the enabled rules when any of them changed.
 */
export function createRuleInterestCache() {
  const byOrg = new Map<string, RuleInterest>();
  return async function ruleInterest(trx: Knex.Transaction, orgId: string): Promise<RuleInterest> {
    const version = await ruleSetVersion(trx, orgId);
    const cached = byOrg.get(orgId);
    if (cached?.version === version) return cached;
    const ruleSet = version === 0 ? { version, rules: [] } : await loadRuleSet(trx, orgId);
    const interest: RuleInterest = { version: ruleSet.version, events: [...new Set(ruleSet.rules.flatMap((rule) => rule.definition.events))] };
    byOrg.set(orgId, interest);
    return interest;
  };
}
