import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../db/connection';
import { loadRuleSet, type StoredRuleSet } from '../../db/rule-sets';
import { loadTicketSnapshot, orgCalendar } from '../../db/ticket-snapshot';
import { withTenant } from '../../db/tenant';
import { assignmentDirectory } from '../../db/assignment-directory';
import { addBusinessMillis } from '../../domain/calendar/business-time';
import { factsFor, anchorStart, type ResolvedAction, type RuleEvent, type RuleFiring, type RuleTimer, type TicketAnchors } from '../../domain/rules/index';
import type { TicketState } from '../../domain/ticket/state';
import { RuleEngines, matchedFacts } from '../../rules/evaluate';
import { resolveActions } from '../../rules/resolve-actions';

/** One rule event of a change, named uniquely per ticket so a retry finds its firings. */
export interface RuleTrigger {
  triggerKey: string;
  event: RuleEvent;
}

export interface RunTicketRulesInput {
  state: TicketState;
  /** The rule events of one change (or one due timer), evaluated in order as one cascade step. */
  triggers: RuleTrigger[];
  depth: number;
  /** Rules that already fired in this cascade. */
  fired: string[];
  /** Set when the change moved an anchor of time-based rules: re-plan their timers. */
  anchors: TicketAnchors | null;
}

export interface RunTicketRulesResult {
  firings: RuleFiring[];
  /** The re-planned timers, when anchors were given. */
  timers: RuleTimer[] | null;
}

/** What became of each resolved action when the workflow applied it. */
export interface ActionOutcome {
  kind: ResolvedAction['kind'];
  result: 'applied' | 'unchanged' | 'rejected' | 'started';
  detail?: string;
}

/**
 * The rules side of a ticket workflow, one call per change: evaluate the org's rules for the
 * change's events and say what to do (never doing it here: the workflow applies actions as
 * ordinary commands), and re-plan time-based rules when the change moved their anchors. An
 * org without rules costs one query and no transaction.
 */
export function createRuleActivities(db: Db, engines = new RuleEngines()) {
  const ruleSets = new Map<string, StoredRuleSet>();

  async function ruleSetAt(trx: Knex.Transaction, orgId: string, version: number): Promise<StoredRuleSet> {
    const cached = ruleSets.get(orgId);
    if (cached?.version === version) return cached;
    const loaded = await loadRuleSet(trx, orgId);
    ruleSets.set(orgId, loaded);
    return loaded;
  }

  async function evaluate(trx: Knex.Transaction, input: RunTicketRulesInput, ruleSet: StoredRuleSet, trigger: RuleTrigger, fired: string[]): Promise<RuleFiring[]> {
    const { state } = input;
    const earlier = await earlierFirings(trx, state.orgId, state.number, trigger.triggerKey);
    if (earlier.length > 0) return earlier;
    const snapshot = await loadTicketSnapshot(trx, state, Date.now());
    if (!snapshot) return [];
    const facts = factsFor(snapshot, trigger.event);
    const verdicts = await engines.evaluate({
      ruleSet: { orgId: state.orgId, version: ruleSet.version, rules: ruleSet.rules },
      event: trigger.event.type, facts, fired, ...(trigger.event.timerRuleId && { timerRuleId: trigger.event.timerRuleId }),
    });
    const firings: RuleFiring[] = [];
    for (const verdict of verdicts.filter((v) => v.matched)) {
      const { rule } = verdict;
      const context = { ruleId: rule.id, ruleName: rule.definition.name, event: trigger.event.type };
      const actions = await resolveActions(rule.definition.actions, facts, assignmentDirectory(trx, state.orgId), context);
      const firing: RuleFiring = { firingId: randomUUID(), ruleId: rule.id, ruleName: rule.definition.name, version: rule.version, event: trigger.event.type, actions };
      await trx('rule_firings').insert({
        org_id: state.orgId, id: firing.firingId, rule_id: rule.id, rule_version: rule.version, ticket_number: state.number,
        trigger_key: trigger.triggerKey, event_type: trigger.event.type, chain_depth: input.depth,
        matched: JSON.stringify(matchedFacts(verdict.conditions)), actions: JSON.stringify(actions),
      });
      firings.push(firing);
    }
    return firings;
  }

  async function planTimers(trx: Knex.Transaction, ruleSet: StoredRuleSet, orgId: string, anchors: TicketAnchors): Promise<RuleTimer[]> {
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
  }

  return {
    async runTicketRules(input: RunTicketRulesInput): Promise<RunTicketRulesResult> {
      const { orgId } = input.state;
      const { rows } = await db.raw<{ rows: { version: number }[] }>('SELECT rule_set_version(?) AS version', [orgId]);
      const version = rows[0]?.version ?? 0;
      if (version === 0 || ruleSets.get(orgId)?.version === version && ruleSets.get(orgId)?.rules.length === 0) {
        return { firings: [], timers: input.anchors ? [] : null };
      }
      return withTenant(db, { orgId }, async (trx) => {
        const ruleSet = await ruleSetAt(trx, orgId, version);
        const fired = [...input.fired];
        const firings: RuleFiring[] = [];
        for (const trigger of input.triggers) {
          const found = await evaluate(trx, input, ruleSet, trigger, fired);
          fired.push(...found.map((firing) => firing.ruleId));
          firings.push(...found);
        }
        const timers = input.anchors ? await planTimers(trx, ruleSet, orgId, input.anchors) : null;
        return { firings, timers };
      });
    },

    async recordRuleOutcome({ orgId, firingId, outcome }: { orgId: string; firingId: string; outcome: ActionOutcome[] }): Promise<void> {
      await withTenant(db, { orgId }, (trx) => trx('rule_firings').where({ org_id: orgId, id: firingId }).update({ outcome: JSON.stringify(outcome) }));
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
