import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ConditionNode, RuleEventType, VersionedRule } from '../domain/rules/index';
import { isLeaf } from '../domain/rules/conditions';
import { resolveFactPath } from '../domain/rules/fact-path';
import { KEEL_OPERATORS } from './operators';

/** The one fact every condition reads; leaves name a dotted path inside it. */
export const CONTEXT_FACT = '$facts';
/** The rules that already fired in this event chain: each fires at most once per chain. */
export const FIRED_FACT = '$fired';

export function toEngineCondition(node: ConditionNode): NestedCondition {
  if (isLeaf(node)) {
    return { fact: CONTEXT_FACT, path: node.fact, operator: node.operator, value: node.value ?? null };
  }
  if ('all' in node) return { all: node.all.map(toEngineCondition) };
  if ('any' in node) return { any: node.any.map(toEngineCondition) };
  return { not: toEngineCondition(node.not) };
}

/**
 * One engine rule per Keel rule. Order is json-rules-engine priority (higher runs first, one
 * rule per priority level, so `stopProcessing` can halt the rest); the chain guard comes first
 * in an `all` so a rule that already fired is not evaluated again.
 */
export function toEngineRule(rule: VersionedRule, priority: number): RuleProperties {
  const conditions: TopLevelCondition = {
    all: [
      { fact: FIRED_FACT, operator: 'notContains', value: rule.id },
      toEngineCondition(rule.definition.conditions),
    ],
  };
  return { name: rule.id, priority, conditions, event: { type: 'fire', params: { ruleId: rule.id } } };
}

export function buildEngine(rules: readonly VersionedRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveFactPath, replaceFactsInEventParams: false });
  for (const operator of KEEL_OPERATORS) engine.addOperator(operator);
  rules.forEach((rule, index) => engine.addRule(toEngineRule(rule, rules.length - index)));
  return engine;
}

/** The rules an event type triggers, in the org's order. */
export function rulesFor(rules: readonly VersionedRule[], event: RuleEventType, timerRuleId?: string): VersionedRule[] {
  return rules
    .filter((rule) => rule.definition.events.includes(event) && (event !== 'ticket.time_elapsed' || rule.id === timerRuleId))
    .sort((a, b) => a.position - b.position);
}
