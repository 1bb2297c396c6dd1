import type { ResolvedAction } from './actions';
import type { RuleEventType } from './rule-events';

/** One rule firing on one ticket, as its timeline records it. */
export interface RuleFiring {
  firingId: string;
  ruleId: string;
  ruleName: string;
  /** The rule version that fired: later edits never rewrite what happened. */
  version: number;
  event: RuleEventType;
  actions: ResolvedAction[];
}
