import type { Engine, RuleResult } from 'json-rules-engine';
import type { ConditionNode, RuleEventType, VersionedRule } from '../domain/rules/index';
import { isLeaf } from '../domain/rules/conditions';
import { CONTEXT_FACT, FIRED_FACT, buildEngine, rulesFor } from './compile';
import type { RuleFacts } from '../domain/rules/facts';

/** An org's enabled rules at one version of the set: what an engine is compiled from. */
export interface RuleSet {
  orgId: string;
  /** Increases with every change to any of the org's rules. */
  version: number;
  rules: VersionedRule[];
}

/** How each condition came out: the rule's own tree, each leaf with the value it saw. */
export type ConditionOutcome =
  | { all: ConditionOutcome[]; result: boolean | null }
  | { any: ConditionOutcome[]; result: boolean | null }
  | { not: ConditionOutcome; result: boolean | null }
  | { fact: string; operator: string; value: unknown; factValue: unknown; result: boolean | null };

export interface RuleVerdict {
  rule: VersionedRule;
  matched: boolean;
  conditions: ConditionOutcome;
}

export interface EvaluateInput {
  ruleSet: RuleSet;
  event: RuleEventType;
  facts: RuleFacts;
  /** Rules that already fired in this chain. */
  fired?: readonly string[];
  timerRuleId?: string;
}

interface CompiledEngine {
  engine: Engine;
  rules: VersionedRule[];
}

const MAX_CACHED_RULE_SETS = 500;
const MAX_IDLE_PER_SET = 4;

/**
 * Compiled engines, one pool per org rule-set version and event type. An engine is compiled
 * once and reused, but never by two evaluations at once: json-rules-engine keeps per-run
 * status on the engine (`stop()`), so each evaluation takes an idle engine or compiles one.
 */
export class RuleEngines {
  private readonly idle = new Map<string, CompiledEngine[]>();
  compiled = 0;

  async evaluate(input: EvaluateInput): Promise<RuleVerdict[]> {
    const key = `${input.ruleSet.orgId}:${input.ruleSet.version}:${input.event}:${input.timerRuleId ?? ''}`;
    const compiled = this.acquire(key, input);
    if (compiled.rules.length === 0) {
      this.release(key, compiled);
      return [];
    }
    try {
      const { results, failureResults } = await compiled.engine.run({ [CONTEXT_FACT]: input.facts, [FIRED_FACT]: [...(input.fired ?? [])] });
      const byId = new Map(compiled.rules.map((rule) => [rule.id, rule]));
      return [...results.map((r) => verdict(r, true, byId)), ...failureResults.map((r) => verdict(r, false, byId))]
        .sort((a, b) => a.rule.position - b.rule.position);
    } finally {
      this.release(key, compiled);
    }
  }

  private acquire(key: string, input: EvaluateInput): CompiledEngine {
    const pool = this.idle.get(key);
    if (pool) {
      // Refresh its place in the LRU order.
      this.idle.delete(key);
      this.idle.set(key, pool);
      const engine = pool.pop();
      if (engine) return engine;
    }
    this.compiled += 1;
    return compile(rulesFor(input.ruleSet.rules, input.event, input.timerRuleId));
  }

  private release(key: string, engine: CompiledEngine): void {
    const pool = this.idle.get(key) ?? [];
    if (pool.length < MAX_IDLE_PER_SET) pool.push(engine);
    this.idle.set(key, pool);
    while (this.idle.size > MAX_CACHED_RULE_SETS) {
      const oldest = this.idle.keys().next().value;
      if (oldest === undefined) break;
      this.idle.delete(oldest);
    }
  }
}

function compile(rules: VersionedRule[]): CompiledEngine {
  const engine = buildEngine(rules);
  const stoppers = new Set(rules.filter((rule) => rule.definition.stopProcessing).map((rule) => rule.id));
  engine.on('success', (event) => {
    if (stoppers.has(String(event.params?.ruleId))) engine.stop();
  });
  return { engine, rules };
}

function verdict(result: RuleResult, matched: boolean, rules: Map<string, VersionedRule>): RuleVerdict {
  const rule = rules.get(result.name);
  if (!rule) throw new Error(`engine returned unknown rule ${result.name}`);
  // Our compiled tree is all[chain guard, the rule's own conditions].
  const own = (result.conditions as unknown as { all: unknown[] }).all[1];
  return { rule, matched, conditions: outcomeOf(own, rule.definition.conditions) };
}

/** Maps json-rules-engine's result tree back onto the rule's own conditions. */
function outcomeOf(engineNode: unknown, node: ConditionNode): ConditionOutcome {
  const result = (engineNode as { result?: boolean } | undefined)?.result ?? null;
  if (isLeaf(node)) {
    const factValue = (engineNode as { factResult?: unknown } | undefined)?.factResult;
    return { fact: node.fact, operator: node.operator, value: node.value ?? null, factValue: factValue ?? null, result };
  }
  const children = (key: 'all' | 'any') => ((engineNode as Record<string, unknown[]> | undefined)?.[key] ?? []);
  if ('all' in node) return { all: node.all.map((child, i) => outcomeOf(children('all')[i], child)), result };
  if ('any' in node) return { any: node.any.map((child, i) => outcomeOf(children('any')[i], child)), result };
  return { not: outcomeOf((engineNode as { not?: unknown } | undefined)?.not, node.not), result };
}

/** The leaves that held, with the values they saw: what a firing records as its evidence. */
export function matchedFacts(outcome: ConditionOutcome): { fact: string; operator: string; value: unknown; factValue: unknown }[] {
  if ('fact' in outcome) return outcome.result ? [{ fact: outcome.fact, operator: outcome.operator, value: outcome.value, factValue: outcome.factValue }] : [];
  if ('all' in outcome) return outcome.all.flatMap(matchedFacts);
  if ('any' in outcome) return outcome.any.flatMap(matchedFacts);
  return [];
}
