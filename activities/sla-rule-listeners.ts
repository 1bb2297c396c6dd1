import type { Knex } from 'knex';
import { loadRuleSet, ruleSetVersion } from '../db/rule-sets';

const SLA_RULE_EVENTS: readonly string[] = ['sla.warning', 'sla.breached'];

/**
 * Whether an org has an enabled rule listening to SLA warnings or breaches: only then must an
 * SLA clock wake its ticket (which runs the rules). One cheap read of the rule-set version per
 * call; the rules themselves are read once per version in this worker process.
 */
export function createSlaRuleListeners() {
  const known = new Map<string, { version: number; listens: boolean }>();
  return async function slaRulesListen(trx: Knex.Transaction, orgId: string): Promise<boolean> {
    const version = await ruleSetVersion(trx, orgId);
    if (version === 0) return false;
    const cached = known.get(orgId);
    if (cached?.version === version) return cached.listens;
    const ruleSet = await loadRuleSet(trx, orgId);
    const listens = ruleSet.rules.some((rule) => rule.definition.events.some((event) => SLA_RULE_EVENTS.includes(event)));
    known.set(orgId, { version: ruleSet.version, listens });
    return listens;
  };
}
