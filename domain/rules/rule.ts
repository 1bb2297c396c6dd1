import type { RuleAction } from './actions';
import type { ConditionGroup } from './conditions';
import type { RuleEventType } from './rule-events';
import type { TimeTrigger } from './time-triggers';

/** What an admin edits: every save of it is a new version of the rule. */
export interface RuleDefinition {
  name: string;
  description: string;
  events: RuleEventType[];
  /** Required when `events` has `ticket.time_elapsed`. */
  timeTrigger: TimeTrigger | null;
  conditions: ConditionGroup;
  actions: RuleAction[];
  /** When this rule fires, later rules are not evaluated for the same event. */
  stopProcessing: boolean;
}

/** A rule as the engine runs it: a definition pinned to its version, in the org's order. */
export interface VersionedRule {
  id: string;
  version: number;
  position: number;
  definition: RuleDefinition;
}

/** A rule cascade stops at this depth: rules cannot ping-pong. */
export const MAX_RULE_CHAIN_DEPTH = 3;
