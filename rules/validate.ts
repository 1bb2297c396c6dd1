import { leavesOf, type RuleDefinition } from '../domain/rules/index';
import { TICKET_STATUSES } from '../domain/ticket/status';
import { factDescriptor, operatorDescriptor, type FactDescriptor, type FactType } from './catalogue';
import { checkPattern } from './safe-pattern';

export interface RuleProblem {
  /** JSON pointer into the rule definition. */
  pointer: string;
  message: string;
}

/** Who and what exists in the org: rules may only name agents and teams that do. */
export interface RuleDirectory {
  agentIds: ReadonlySet<string>;
  teamIds: ReadonlySet<string>;
}

const MAX_DEPTH = 8;
const MAX_LEAVES = 100;

/**
 * Group nesting of conditions as they arrive, before any schema parses them: the recursive
 * schema and `leavesOf` recurse once per level, so depth is bounded first, without recursion.
 */
export function conditionDepthProblem(conditions: unknown, at = '/conditions'): RuleProblem | null {
  const pending: { node: unknown; pointer: string; depth: number }[] = [{ node: conditions, pointer: at, depth: 0 }];
  while (pending.length > 0) {
    const { node, pointer, depth } = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const groups = Object.entries(node).filter(([key]) => key === 'all' || key === 'any' || key === 'not');
    if (groups.length > 0 && depth >= MAX_DEPTH) return { pointer, message: `Groups nest at most ${MAX_DEPTH} deep.` };
    for (const [key, child] of groups) {
      if (Array.isArray(child)) child.forEach((item, index) => pending.push({ node: item, pointer: `${pointer}/${key}/${index}`, depth: depth + 1 }));
      else pending.push({ node: child, pointer: `${pointer}/${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The checks a schema cannot make: facts that exist, operators that fit them, values of the
 * right type, patterns that compile safely, agents and teams of this org, and a time trigger
 * for time-based rules. Every problem points at the part of the rule it is about.
 */
export function validateRule(definition: RuleDefinition, directory: RuleDirectory): RuleProblem[] {
  return [...conditionProblems(definition), ...actionProblems(definition, directory), ...triggerProblems(definition)];
}

function conditionProblems(definition: RuleDefinition): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const leaves = leavesOf(definition.conditions, '/conditions');
  if (leaves.length > MAX_LEAVES) problems.push({ pointer: '/conditions', message: `A rule has at most ${MAX_LEAVES} conditions.` });
  for (const { leaf, pointer } of leaves) {
    if (pointer.split('/').filter((part) => part === 'all' || part === 'any' || part === 'not').length > MAX_DEPTH) {
      problems.push({ pointer, message: `Groups nest at most ${MAX_DEPTH} deep.` });
      continue;
    }
    const fact = factDescriptor(leaf.fact);
    if (!fact) {
      problems.push({ pointer: `${pointer}/fact`, message: `Unknown fact "${leaf.fact}".` });
      continue;
    }
    const operator = operatorDescriptor(leaf.operator);
    if (!operator || !operator.types.includes(fact.type)) {
      problems.push({ pointer: `${pointer}/operator`, message: `"${leaf.operator}" does not apply to ${fact.label.toLowerCase()} (${fact.type}).` });
      continue;
    }
    const valueProblem = checkValue(fact, operator.value, leaf.value);
    if (valueProblem) problems.push({ pointer: `${pointer}/value`, message: valueProblem });
  }
  return problems;
}

/** The type a value must have: a change compares values of the changed property's type. */
const valueType = (fact: FactDescriptor): FactType => (fact.type === 'change' ? (fact.of ?? 'custom') : fact.type);

function checkValue(fact: FactDescriptor, shape: 'none' | 'single' | 'list' | 'pattern', value: unknown): string | null {
  if (shape === 'none') return value === undefined || value === null ? null : 'This operator takes no value.';
  if (shape === 'pattern') {
    if (typeof value !== 'string') return 'A pattern is a string.';
    const pattern = checkPattern(value);
    return pattern.ok ? null : pattern.reason;
  }
  if (shape === 'list') {
    if (!Array.isArray(value) || value.length === 0) return 'Give a non-empty list of values.';
    for (const item of value) {
      const problem = checkScalar(fact, item);
      if (problem) return problem;
    }
    return null;
  }
  return checkScalar(fact, value);
}

function checkScalar(fact: FactDescriptor, value: unknown): string | null {
  const type = valueType(fact);
  switch (type) {
    case 'number':
    case 'duration':
      return typeof value === 'number' ? null : type === 'duration' ? 'A duration is a number of seconds.' : 'Give a number.';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Give true or false.';
    case 'enum':
      return typeof value === 'string' && (fact.options ?? []).includes(value) ? null : `Choose one of: ${(fact.options ?? []).join(', ')}.`;
    case 'text':
    case 'tags':
    case 'agent':
    case 'team':
      return typeof value === 'string' && value.length > 0 ? null : 'Give a value.';
    case 'custom':
      return value === undefined ? 'Give a value.' : null;
    case 'change':
      return null;
  }
}

function actionProblems(definition: RuleDefinition, directory: RuleDirectory): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const agent = (id: string, pointer: string) => {
    if (!directory.agentIds.has(id)) problems.push({ pointer, message: `No agent ${id} in this organization.` });
  };
  const team = (id: string, pointer: string) => {
    if (!directory.teamIds.has(id)) problems.push({ pointer, message: `No team ${id} in this organization.` });
  };
  definition.actions.forEach((action, index) => {
    const at = `/actions/${index}`;
    switch (action.type) {
      case 'assign_agent':
        agent(action.agentId, `${at}/agentId`);
        break;
      case 'assign_team':
        team(action.teamId, `${at}/teamId`);
        if (action.strategy === 'skills' && (action.skills ?? []).length === 0) problems.push({ pointer: `${at}/skills`, message: 'The skills strategy needs at least one skill.' });
        break;
      case 'notify':
        if (action.recipient.kind === 'user') agent(action.recipient.userId, `${at}/recipient/userId`);
        if (action.recipient.kind === 'team') team(action.recipient.teamId, `${at}/recipient/teamId`);
        break;
      case 'escalate':
        if (action.teamId) team(action.teamId, `${at}/teamId`);
        if (!action.priority && !action.teamId && !action.note) problems.push({ pointer: at, message: 'Escalate needs a priority, a team or a note.' });
        break;
      case 'set_status':
        if (action.status === 'new') problems.push({ pointer: `${at}/status`, message: 'A ticket never returns to new.' });
        break;
      default:
        break;
    }
  });
  return problems;
}

function triggerProblems(definition: RuleDefinition): RuleProblem[] {
  const timed = definition.events.includes('ticket.time_elapsed');
  if (timed && !definition.timeTrigger) return [{ pointer: '/timeTrigger', message: 'A time-based rule needs a time trigger.' }];
  if (!timed && definition.timeTrigger) return [{ pointer: '/timeTrigger', message: 'A time trigger needs the ticket.time_elapsed event.' }];
  const anchor = definition.timeTrigger?.anchor;
  if (anchor?.kind === 'status' && !TICKET_STATUSES.includes(anchor.status)) return [{ pointer: '/timeTrigger/anchor/status', message: 'Unknown status.' }];
  return [];
}
