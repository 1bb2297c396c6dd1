import { SENTIMENTS } from '../domain/ai/sentiments';
import { SLA_TARGETS } from '../domain/sla/policy';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/ticket/status';
import type { RULE_EVENTS } from '../domain/rules/rule-events';
import type { FieldDefinition, FieldType } from '../domain/fields/index';

/**
 * The vocabulary of conditions: which facts exist, what type each has, and which operators
 * fit each type. Validation, the engine and the visual designer all read this one table.
 */
export const FACT_TYPES = ['text', 'number', 'boolean', 'enum', 'tags', 'agent', 'team', 'duration', 'custom', 'change'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface FactDescriptor {
  /** Dotted path, e.g. `ticket.priority`. `ticket.fields.*` stands for any custom field key. */
  path: string;
  label: string;
  type: FactType;
  /** For `enum` facts, and for `change` facts the type of the changed value. */
  options?: readonly string[];
  of?: Exclude<FactType, 'change'>;
  group: 'Ticket' | 'Requester' | 'Company' | 'Message' | 'Change' | 'SLA' | 'Calendar' | 'AI';
}

export const FACTS: readonly FactDescriptor[] = [
  { path: 'ticket.subject', label: 'Subject', type: 'text', group: 'Ticket' },
  { path: 'ticket.description', label: 'Description', type: 'text', group: 'Ticket' },
  { path: 'ticket.status', label: 'Status', type: 'enum', options: TICKET_STATUSES, group: 'Ticket' },
  { path: 'ticket.priority', label: 'Priority', type: 'enum', options: TICKET_PRIORITIES, group: 'Ticket' },
  { path: 'ticket.channel', label: 'Channel', type: 'enum', options: TICKET_CHANNELS, group: 'Ticket' },
  { path: 'ticket.tags', label: 'Tags', type: 'tags', group: 'Ticket' },
  { path: 'ticket.assigneeId', label: 'Assignee', type: 'agent', group: 'Ticket' },
  { path: 'ticket.teamId', label: 'Team', type: 'team', group: 'Ticket' },
  { path: 'ticket.number', label: 'Number', type: 'number', group: 'Ticket' },
  { path: 'ticket.ageSeconds', label: 'Age', type: 'duration', group: 'Ticket' },
  { path: 'ticket.fields.*', label: 'Custom field', type: 'custom', group: 'Ticket' },
  { path: 'requester.email', label: 'Requester email', type: 'text', group: 'Requester' },
  { path: 'requester.name', label: 'Requester name', type: 'text', group: 'Requester' },
  { path: 'requester.domain', label: 'Requester email domain', type: 'text', group: 'Requester' },
  { path: 'company.name', label: 'Company name', type: 'text', group: 'Company' },
  { path: 'company.domain', label: 'Company domain', type: 'text', group: 'Company' },
  { path: 'message.body', label: 'Message text', type: 'text', group: 'Message' },
  { path: 'change.status', label: 'Status change', type: 'change', of: 'enum', options: TICKET_STATUSES, group: 'Change' },
  { path: 'change.priority', label: 'Priority change', type: 'change', of: 'enum', options: TICKET_PRIORITIES, group: 'Change' },
  { path: 'change.assigneeId', label: 'Assignee change', type: 'change', of: 'agent', group: 'Change' },
  { path: 'change.teamId', label: 'Team change', type: 'change', of: 'team', group: 'Change' },
  { path: 'change.tags', label: 'Tags change', type: 'change', of: 'tags', group: 'Change' },
  { path: 'change.fields.*', label: 'Custom field change', type: 'change', of: 'custom', group: 'Change' },
  { path: 'sla.target', label: 'SLA target', type: 'enum', options: SLA_TARGETS, group: 'SLA' },
  { path: 'calendar.inBusinessHours', label: 'Inside business hours', type: 'boolean', group: 'Calendar' },
  // Triage's answers: empty until it ran, and where it abstained or the org has no model yet.
  { path: 'ai.category', label: 'Predicted category', type: 'text', group: 'AI' },
  { path: 'ai.priority', label: 'Predicted priority', type: 'enum', options: TICKET_PRIORITIES, group: 'AI' },
  { path: 'ai.team', label: 'Predicted team', type: 'team', group: 'AI' },
  { path: 'ai.sentiment', label: 'Sentiment', type: 'enum', options: SENTIMENTS, group: 'AI' },
  { path: 'ai.language', label: 'Language (ISO 639-3, e.g. eng)', type: 'text', group: 'AI' },
  { path: 'ai.confidence', label: 'Prediction confidence (0–1)', type: 'number', group: 'AI' },
];

export const OPERATOR_NAMES = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'notContains', 'matches',
  'greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive',
  'isEmpty', 'isNotEmpty', 'changed', 'changedTo', 'changedFrom',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** What a value editor must offer: nothing, one value of the fact's type, a list, or a regex. */
export type ValueShape = 'none' | 'single' | 'list' | 'pattern';

export interface OperatorDescriptor {
  name: OperatorName;
  label: string;
  value: ValueShape;
  /** Fact types this operator applies to. */
  types: readonly FactType[];
}

const SCALAR: readonly FactType[] = ['text', 'number', 'boolean', 'enum', 'agent', 'team', 'duration', 'custom'];

export const OPERATORS: readonly OperatorDescriptor[] = [
  { name: 'equal', label: 'is', value: 'single', types: SCALAR },
  { name: 'notEqual', label: 'is not', value: 'single', types: SCALAR },
  { name: 'in', label: 'is one of', value: 'list', types: ['text', 'enum', 'agent', 'team', 'number', 'custom'] },
  { name: 'notIn', label: 'is none of', value: 'list', types: ['text', 'enum', 'agent', 'team', 'number', 'custom'] },
  { name: 'contains', label: 'contains', value: 'single', types: ['text', 'tags', 'custom'] },
  { name: 'notContains', label: 'does not contain', value: 'single', types: ['text', 'tags', 'custom'] },
  { name: 'matches', label: 'matches pattern', value: 'pattern', types: ['text', 'custom'] },
  { name: 'greaterThan', label: 'greater than', value: 'single', types: ['number', 'duration', 'custom'] },
  { name: 'greaterThanInclusive', label: 'at least', value: 'single', types: ['number', 'duration', 'custom'] },
  { name: 'lessThan', label: 'less than', value: 'single', types: ['number', 'duration', 'custom'] },
  { name: 'lessThanInclusive', label: 'at most', value: 'single', types: ['number', 'duration', 'custom'] },
  { name: 'isEmpty', label: 'is empty', value: 'none', types: ['text', 'tags', 'agent', 'team', 'custom'] },
  { name: 'isNotEmpty', label: 'is not empty', value: 'none', types: ['text', 'tags', 'agent', 'team', 'custom'] },
  { name: 'changed', label: 'changed', value: 'none', types: ['change'] },
  { name: 'changedTo', label: 'changed to', value: 'single', types: ['change'] },
  { name: 'changedFrom', label: 'changed from', value: 'single', types: ['change'] },
];

export const EVENT_LABELS: Record<(typeof RULE_EVENTS)[number], string> = {
  'ticket.created': 'Ticket is created',
  'ticket.updated': 'Ticket is updated',
  'ticket.customer_replied': 'Customer replies',
  'ticket.agent_replied': 'Agent replies publicly',
  'sla.warning': 'SLA warning',
  'sla.breached': 'SLA breached',
  'ticket.time_elapsed': 'Time elapsed',
  'ticket.triaged': 'Ticket is triaged by AI',
};

const CUSTOM_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The descriptor of a fact path, resolving `ticket.fields.<key>` and `change.fields.<key>`. */
export function factDescriptor(path: string): FactDescriptor | undefined {
  const exact = FACTS.find((fact) => fact.path === path);
  if (exact) return exact;
  for (const prefix of ['ticket.fields.', 'change.fields.']) {
    if (path.startsWith(prefix) && CUSTOM_KEY.test(path.slice(prefix.length))) return FACTS.find((fact) => fact.path === `${prefix}*`);
  }
  return undefined;
}

export function operatorDescriptor(name: string): OperatorDescriptor | undefined {
  return OPERATORS.find((operator) => operator.name === name);
}

const FIELD_FACT_TYPES: Record<FieldType, Exclude<FactType, 'change'>> = {
  text: 'text', date: 'text', number: 'number', checkbox: 'boolean', select: 'enum', multi_select: 'tags', user: 'agent', company: 'custom',
};

/**
 * The org's active custom fields as facts of their own (`ticket.fields.<key>` and its change),
 * typed from their definitions, so the designer offers each by label with its options. Rules
 * keep reading any key through the `ticket.fields.*` entry.
 */
export function customFieldFacts(definitions: readonly FieldDefinition[]): FactDescriptor[] {
  return definitions.filter((definition) => !definition.archived).flatMap((definition): FactDescriptor[] => {
    const type = FIELD_FACT_TYPES[definition.type];
    const options = definition.options.length > 0 ? { options: definition.options } : {};
    return [
      { path: `ticket.fields.${definition.key}`, label: definition.label, type, ...options, group: 'Ticket' },
      { path: `change.fields.${definition.key}`, label: `${definition.label} change`, type: 'change', of: type, ...options, group: 'Change' },
    ];
  });
}

/** The catalogue's facts with the org's custom fields beside the `*.fields.*` entries. */
export function factsWithCustomFields(definitions: readonly FieldDefinition[]): FactDescriptor[] {
  const custom = customFieldFacts(definitions);
  return FACTS.flatMap((fact) => {
    if (fact.path === 'ticket.fields.*') return [fact, ...custom.filter((c) => c.path.startsWith('ticket.fields.'))];
    if (fact.path === 'change.fields.*') return [fact, ...custom.filter((c) => c.path.startsWith('change.fields.'))];
    return [fact];
  });
}
