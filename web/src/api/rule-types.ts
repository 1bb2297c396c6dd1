/** The automation API's shapes, built on the server's own rule and catalogue types. */
import type { AssignStrategy, ResolvedAction, RuleActionType } from '../../../domain/rules/actions';
import type { RuleDefinition } from '../../../domain/rules/rule';
import type { RuleEventType } from '../../../domain/rules/rule-events';
import type { FactDescriptor, OperatorDescriptor } from '../../../rules/catalogue';

export type { AssignStrategy, NotifyRecipient, ResolvedAction, RuleAction, RuleActionType } from '../../../domain/rules/actions';
export type { ConditionGroup, ConditionLeaf, ConditionNode, ConditionValue } from '../../../domain/rules/conditions';
export type { RuleDefinition } from '../../../domain/rules/rule';
export type { RuleEventType } from '../../../domain/rules/rule-events';
export type { TimeAnchor, TimeTrigger } from '../../../domain/rules/time-triggers';
export type { RuleFiring } from '../../../domain/rules/firing';
export type { FactDescriptor, FactType, OperatorDescriptor, OperatorName, ValueShape } from '../../../rules/catalogue';

export interface RuleView extends RuleDefinition {
  id: string;
  enabled: boolean;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastFiredAt: string | null;
  fireCount: number;
}

export interface RuleTemplate { id: string; name: string; description: string; definition: RuleDefinition }

export interface RuleCatalogue {
  events: { type: RuleEventType; label: string }[];
  facts: FactDescriptor[];
  operators: OperatorDescriptor[];
  actions: { type: RuleActionType; label: string }[];
  strategies: AssignStrategy[];
  templates: RuleTemplate[];
}

export interface RuleVersion { version: number; definition: RuleDefinition; createdAt: string; createdBy: string | null }

/** A condition tree as a dry run evaluated it: every node carries its result (null: not reached, the engine short-circuited). */
export type ConditionResult =
  | { all: ConditionResult[]; result: boolean | null }
  | { any: ConditionResult[]; result: boolean | null }
  | { not: ConditionResult; result: boolean | null }
  | { fact: string; operator: string; value?: unknown; factValue: unknown; result: boolean | null };

export interface RuleTestResult { matched: boolean; event: string; conditions: ConditionResult; actions: ResolvedAction[] }

export interface BacktestMatch { ticketNumber: number; subject: string; event: string; at: string; actions: ResolvedAction[] }
export interface BacktestResult { ticketsScanned: number; eventsReplayed: number; matches: BacktestMatch[] }

export interface Team { id: string; name: string; memberIds: string[] }
