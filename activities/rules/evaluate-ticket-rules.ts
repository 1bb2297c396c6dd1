import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../db/connection';
import { loadRuleSet, ruleSetVersion, type StoredRuleSet } from '../../db/rule-sets';
import { loadTicketSnapshot, orgCalendar } from '../../db/ticket-snapshot';
import { withTenant } from '../../db/tenant';
import { addBusinessMillis } from '../../domain/calendar/business-time';
import { factsFor, anchorStart, type ResolvedAction, type RuleEvent, type RuleFiring, type RuleTimer, type TicketAnchors } from '../../domain/automation/index';
import type { TicketState } from '../../domain/ticket/state';
import { RuleEngines, matchedFacts } from '../../rules/evaluate';
import { resolveActions } from '../../rules/resolve-actions';
import { assignmentDirectory } from '../../db/assignment-directory';

export interface EvaluateTicketRulesInput {
  state: TicketState;
  /** Names the trigger uniquely per ticket: a retried evaluation finds its earlier firings. */
  triggerKey: string;
  event: RuleEvent;
  depth: number;
  fired: string[];
}

/** What became of each resolved action when the workflow applied it. */
export interface ActionOutcome {
  kind: ResolvedAction['kind'];
  result: 'applied' | 'unchanged' | 'rejected' | 'started';
  detail?: string;
}

/**
 * The rules side of a ticket workflow: evaluate the org's rules for one event and return what
 * to do, never doing it here (the workflow applies actions as ordinary commands).
 */
export function createRuleActivities(db: Db, engines = new RuleEngines()) {
  const ruleSets = new Map<string, StoredRuleSet>();

  async function currentRuleSet(trx: Knex.Transaction, orgId: string): Promise<StoredRuleSet> {
    const version = await ruleSetVersion(trx, orgId);
    const cached = ruleSets.get(orgId);
    if (cached?.version === version) return cached;
    const loaded = await loadRuleSet(trx, orgId);
    ruleSets.set(orgId, loaded);
    return loaded;
  }

  return {
    async evaluateTicketRules(input: EvaluateTicketRulesInput): Promise<RuleFiring[]> {
      const { state, event } = input;
      return withTenant(db, { orgId: state.orgId }, async (trx) => {
        const earlier = await earlierFirings(trx, state.orgId, state.number, input.triggerKey);
        if (earlier.length > 0) return earlier;
        const ruleSet = await currentRuleSet(trx, state.orgId);
        if (ruleSet.rules.length === 0) return [];
        const snapshot = await loadTicketSnapshot(trx, state, Date.now());
        if (!snapshot) return [];
        const facts = factsFor(snapshot, event);
        const verdicts = await engines.evaluate({
          ruleSet: { orgId: state.orgId, version: ruleSet.version, rules: ruleSet.rules },
          event: event.type, facts, fired: input.fired, ...(event.timerRuleId && { timerRuleId: event.timerRuleId }),
        });
        const firings: RuleFiring[] = [];
        for (const verdict of verdicts.filter((v) => v.matched)) {
          const { rule } = verdict;
          const context = { ruleId: rule.id, ruleName: rule.definition.name, event: event.type };
          const actions = await resolveActions(rule.definition.actions, facts, assignmentDirectory(trx, state.orgId), context);
          const firing: RuleFiring = { firingId: randomUUID(), ruleId: rule.id, ruleName: rule.definition.name, version: rule.version, event: event.type, actions };
          await trx('rule_firings').insert({
            org_id: state.orgId, id: firing.firingId, rule_id: rule.id, rule_version: rule.version, ticket_number: state.number,
            trigger_key: input.triggerKey, event_type: event.type, chain_depth: input.depth,
            matched: JSON.stringify(matchedFacts(verdict.conditions)), actions: JSON.stringify(actions),
          });
          firings.push(firing);
        }
        return firings;
      });
    },

    async recordRuleOutcome({ orgId, firingId, outcome }: { orgId: string; firingId: string; outcome: ActionOutcome[] }): Promise<void> {
      await withTenant(db, { orgId }, (trx) => trx('rule_firings').where({ org_id: orgId, id: firingId }).update({ outcome: JSON.stringify(outcome) }));
    },

    /** The time-based rules that apply to a ticket's current anchors, with when each is due. */
    async planRuleTimers({ orgId, anchors }: { orgId: string; anchors: TicketAnchors }): Promise<RuleTimer[]> {
      return withTenant(db, { orgId }, async (trx) => {
        const ruleSet = await currentRuleSet(trx, orgId);
        const timed = ruleSet.rules.filter((rule) => rule.definition.timeTrigger && rule.definition.events.includes('ticket.time_elapsed'));
        if (timed.length === 0) return [];
        const calendar = await orgCalendar(trx, orgId);
        return timed.flatMap((rule) => {
          const trigger = rule.definition.timeTrigger;
          const start = trigger ? anchorStart(trigger.anchor, anchors) : null;
          if (!trigger || start === null) return [];
          const delay = trigger.afterSeconds * 1000;
          const dueAt = trigger.hours === 'business' ? addBusinessMillis(calendar, start, delay) : start + delay;
          return [{ ruleId: rule.id, anchorAt: start, dueAt }];
        });
      });
    },
  };
}

export type RuleActivities = ReturnType<typeof createRuleActivities>;

async function earlierFirings(trx: Knex.Transaction, orgId: string, number: number, triggerKey: string): Promise<RuleFiring[]> {
  const rows: { id: string; rule_id: string; rule_version: number; event_type: RuleFiring['event']; actions: ResolvedAction[]; definition: { name: string } }[] =
    await trx('rule_firings as f')
      .join('rule_versions as v', function () {
        this.on('v.org_id', 'f.org_id').andOn('v.rule_id', 'f.rule_id').andOn('v.version', 'f.rule_version');
      })
      .join('rules as r', function () {
        this.on('r.org_id', 'f.org_id').andOn('r.id', 'f.rule_id');
      })
      .where({ 'f.org_id': orgId, 'f.ticket_number': number, 'f.trigger_key': triggerKey })
      .orderBy([{ column: 'r.position' }, { column: 'f.created_at' }])
      .select('f.id', 'f.rule_id', 'f.rule_version', 'f.event_type', 'f.actions', 'v.definition');
  return rows.map((row) => ({ firingId: row.id, ruleId: row.rule_id, ruleName: row.definition.name, version: row.rule_version, event: row.event_type, actions: row.actions }));
}
