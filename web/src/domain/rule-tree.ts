/**
 * The rule designer's pure logic: editing a condition tree without mutating it, fitting
 * operators and values to facts, mapping the server's JSON pointers back onto the tree, and
 * the JSON view's round trip. Nodes are addressed by JSON pointers relative to the
 * conditions root (`''`, `/all/0`, `/all/0/not`), the same pointers the server answers with.
 */
import type {
  ConditionGroup, ConditionLeaf, ConditionNode, ConditionValue, FactDescriptor, FactType, OperatorDescriptor, ResolvedAction, RuleAction,
  RuleActionType, RuleDefinition, RuleEventType, TimeTrigger,
} from '../api/types';

export type GroupKind = 'all' | 'any' | 'not';

export function isLeaf(node: ConditionNode): node is ConditionLeaf {
  return typeof node === 'object' && node !== null && 'fact' in node;
}

export function groupKind(group: ConditionGroup): GroupKind {
  return 'all' in group ? 'all' : 'any' in group ? 'any' : 'not';
}

export function childrenOf(group: ConditionGroup): ConditionNode[] {
  if ('all' in group) return group.all;
  if ('any' in group) return group.any;
  return [group.not];
}

export function childPointer(groupPointer: string, group: ConditionGroup, index: number): string {
  const kind = groupKind(group);
  return kind === 'not' ? `${groupPointer}/not` : `${groupPointer}/${kind}/${index}`;
}

function tokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/');
}

export function nodeAt<T = ConditionNode>(root: unknown, pointer: string): T | undefined {
  let node: unknown = root;
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(token)] : (node as Record<string, unknown>)[token];
  }
  return node as T | undefined;
}

/** Rebuilds the path from the root to `pointer`, replacing that node by `change(node)`; null removes it. */
function updateAt(node: ConditionNode, path: string[], change: (node: ConditionNode) => ConditionNode | null): ConditionNode | null {
  if (path.length === 0) return carryKey(node, change(node));
  const [key, ...rest] = path;
  if (key === 'not' && !isLeaf(node) && 'not' in node) {
    const child = updateAt(node.not, rest, change);
    // A `not` without its one child means nothing: it goes too.
    return child === null ? null : carryKey(node, { not: child });
  }
  if ((key === 'all' || key === 'any') && !isLeaf(node) && key in node) {
    const list = (node as Record<string, ConditionNode[]>)[key]!;
    const index = Number(rest[0]);
    const target = list[index];
    if (!Number.isInteger(index) || target === undefined) throw new Error(`No condition at /${path.join('/')}`);
    const child = updateAt(target, rest.slice(1), change);
    const next = child === null ? list.filter((_, i) => i !== index) : list.map((item, i) => (i === index ? child : item));
    return carryKey(node, key === 'all' ? { all: next } : { any: next });
  }
  throw new Error(`No condition at /${path.join('/')}`);
}

function updateRoot(root: ConditionGroup, pointer: string, change: (node: ConditionNode) => ConditionNode | null): ConditionGroup {
  const next = updateAt(root, tokens(pointer), change);
  if (next === null) return { all: [] };
  return isLeaf(next) ? { all: [next] } : next;
}

export function replaceNode(root: ConditionGroup, pointer: string, node: ConditionNode): ConditionGroup {
  return updateRoot(root, pointer, () => node);
}

/** Removes a node; the root itself cannot go, it empties instead. */
export function removeNode(root: ConditionGroup, pointer: string): ConditionGroup {
  if (pointer === '') return { all: [] };
  return updateRoot(root, pointer, () => null);
}

/** Appends a child to a group. A `not` holds one node: the new one joins it in an `all`. */
export function addChild(root: ConditionGroup, groupPointer: string, child: ConditionNode): ConditionGroup {
  return updateRoot(root, groupPointer, (node) => {
    if (isLeaf(node)) throw new Error(`${groupPointer || '/'} is a condition, not a group`);
    if ('all' in node) return { all: [...node.all, child] };
    if ('any' in node) return { any: [...node.any, child] };
    if (!isLeaf(node.not) && !('not' in node.not)) return { not: addChildToGroup(node.not, child) };
    return { not: { all: [node.not, child] } };
  });
}

function addChildToGroup(group: ConditionGroup, child: ConditionNode): ConditionGroup {
  if ('all' in group) return { all: [...group.all, child] };
  if ('any' in group) return { any: [...group.any, child] };
  return { all: [group, child] };
}

/** Replaces a group's children (drag and drop hands over the reordered list). */
export function setChildren(root: ConditionGroup, groupPointer: string, children: ConditionNode[]): ConditionGroup {
  return updateRoot(root, groupPointer, (node) => {
    if (isLeaf(node)) throw new Error(`${groupPointer || '/'} is a condition, not a group`);
    const kind = groupKind(node);
    if (kind === 'not') return children[0] ? { not: children[0] } : { all: [] };
    return kind === 'all' ? { all: [...children] } : { any: [...children] };
  });
}

export function moveChild(root: ConditionGroup, groupPointer: string, from: number, to: number): ConditionGroup {
  const group = nodeAt<ConditionNode>(root, groupPointer);
  if (!group || isLeaf(group)) throw new Error(`${groupPointer || '/'} is not a group`);
  const children = [...childrenOf(group)];
  if (from < 0 || from >= children.length || to < 0 || to >= children.length) return root;
  const [moved] = children.splice(from, 1);
  children.splice(to, 0, moved!);
  return setChildren(root, groupPointer, children);
}

/** all ↔ any keep their children; `not` negates one node, so several children are kept in an `all`. */
export function setGroupKind(root: ConditionGroup, pointer: string, kind: GroupKind): ConditionGroup {
  return updateRoot(root, pointer, (node) => {
    if (isLeaf(node)) throw new Error(`${pointer || '/'} is a condition, not a group`);
    if (groupKind(node) === kind) return node;
    const children = childrenOf(node);
    if (kind === 'not') return { not: children.length === 1 ? children[0]! : { all: children } };
    // Leaving a `not` whose child is a group lifts that group's children rather than nesting it.
    const lifted = 'not' in node && !isLeaf(node.not) && !('not' in node.not) ? childrenOf(node.not) : children;
    return kind === 'all' ? { all: lifted } : { any: lifted };
  });
}

export function newGroup(kind: GroupKind, first: ConditionNode): ConditionGroup {
  if (kind === 'not') return { not: first };
  return kind === 'all' ? { all: [first] } : { any: [first] };
}

// ---------------------------------------------------------------------------------------
// Facts, operators, values

const CUSTOM_PREFIXES = ['ticket.fields.', 'change.fields.'] as const;

/** The catalogue entry a leaf's fact falls under: `ticket.fields.plan` is `ticket.fields.*`. */
export function factEntryPath(fact: string): string {
  for (const prefix of CUSTOM_PREFIXES) if (fact.startsWith(prefix)) return `${prefix}*`;
  return fact;
}

export function customKeyOf(fact: string): string | null {
  for (const prefix of CUSTOM_PREFIXES) if (fact.startsWith(prefix)) return fact.slice(prefix.length);
  return null;
}

export function withCustomKey(fact: string, key: string): string {
  const entry = factEntryPath(fact);
  return entry.endsWith('.*') ? `${entry.slice(0, -1)}${key.trim()}` : fact;
}

export function describeFact(facts: readonly FactDescriptor[], fact: string): FactDescriptor | undefined {
  const entry = factEntryPath(fact);
  return facts.find((descriptor) => descriptor.path === entry);
}

/** The type a value editor edits: a change fact compares values of its `of` type. */
export function valueType(fact: FactDescriptor): Exclude<FactType, 'change'> {
  return fact.type === 'change' ? fact.of ?? 'text' : fact.type;
}

export function operatorsFor(operators: readonly OperatorDescriptor[], fact: FactDescriptor | undefined): OperatorDescriptor[] {
  return fact ? operators.filter((operator) => operator.types.includes(fact.type)) : [];
}

/** Grouped options for the fact picker, in the catalogue's order. */
export function factGroups(facts: readonly FactDescriptor[]): { group: string; facts: FactDescriptor[] }[] {
  const groups: { group: string; facts: FactDescriptor[] }[] = [];
  for (const fact of facts) {
    const existing = groups.find((g) => g.group === fact.group);
    if (existing) existing.facts.push(fact);
    else groups.push({ group: fact.group, facts: [fact] });
  }
  return groups;
}

export function defaultValue(fact: FactDescriptor | undefined, operator: OperatorDescriptor | undefined): ConditionValue | undefined {
  if (!fact || !operator || operator.value === 'none') return undefined;
  if (operator.value === 'list') return [];
  if (operator.value === 'pattern') return '';
  switch (valueType(fact)) {
    case 'enum': return fact.options?.[0] ?? '';
    case 'number': return 0;
    case 'duration': return 3600;
    case 'boolean': return true;
    default: return '';
  }
}

function reshape(value: ConditionValue | undefined, shape: OperatorDescriptor['value']): ConditionValue | undefined {
  if (shape === 'none') return undefined;
  if (shape === 'list') {
    if (Array.isArray(value)) return value;
    return value === undefined || value === null || value === '' || typeof value === 'boolean' ? [] : [value];
  }
  if (Array.isArray(value)) return value[0] ?? '';
  return value;
}

/** A leaf with a new fact: the operator stays when it fits the new fact, the value when its type does. */
export function withFact(leaf: ConditionLeaf, fact: string, facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const before = describeFact(facts, leaf.fact);
  const after = describeFact(facts, fact);
  const fitting = operatorsFor(operators, after);
  const operator = fitting.find((o) => o.name === leaf.operator) ?? fitting[0];
  const sameType = before && after && before.type === after.type && valueType(before) === valueType(after) && before.options === after.options;
  const value = sameType && operator?.name === leaf.operator ? leaf.value : defaultValue(after, operator);
  return compactLeaf({ fact, operator: operator?.name ?? leaf.operator, value });
}

/** A leaf with a new operator: the value is kept where the shapes allow it. */
export function withOperator(leaf: ConditionLeaf, name: string, facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const before = operators.find((o) => o.name === leaf.operator);
  const after = operators.find((o) => o.name === name);
  if (!after) return { ...leaf, operator: name };
  let value: ConditionValue | undefined;
  if (after.value === 'none') value = undefined;
  else if (!before || before.value === 'none' || (before.value === 'pattern') !== (after.value === 'pattern')) value = defaultValue(describeFact(facts, leaf.fact), after);
  else value = reshape(leaf.value, after.value);
  return compactLeaf({ fact: leaf.fact, operator: name, value });
}

function compactLeaf(leaf: ConditionLeaf): ConditionLeaf {
  return leaf.value === undefined ? { fact: leaf.fact, operator: leaf.operator } : leaf;
}

export function newLeaf(facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const fact = facts.find((f) => f.path === 'ticket.subject') ?? facts[0];
  if (!fact) return { fact: 'ticket.subject', operator: 'contains', value: '' };
  const preferred = operatorsFor(operators, fact).find((o) => o.name === 'contains')?.name ?? '';
  return withFact({ fact: fact.path, operator: preferred }, fact.path, facts, operators);
}

// ---------------------------------------------------------------------------------------
// Actions and events

export function defaultAction(type: RuleActionType): RuleAction {
  switch (type) {
    case 'set_priority': return { type, priority: 'high' };
    case 'set_status': return { type, status: 'open' };
    case 'add_tags': return { type, tags: [] };
    case 'remove_tags': return { type, tags: [] };
    case 'set_field': return { type, key: '', value: '' };
    case 'assign_agent': return { type, agentId: '' };
    case 'assign_team': return { type, teamId: '', strategy: 'round_robin' };
    case 'add_note': return { type, body: '' };
    case 'reply': return { type, body: '' };
    case 'notify': return { type, channel: 'in_app', recipient: { kind: 'assignee' }, message: '' };
    case 'webhook': return { type, url: 'https://', method: 'POST' };
    case 'escalate': return { type, priority: 'urgent' };
  }
}

export const DEFAULT_TIME_TRIGGER: TimeTrigger = { anchor: { kind: 'status', status: 'pending' }, afterSeconds: 5 * 86_400, hours: 'calendar' };

/** New trigger events; a time trigger exists exactly while `ticket.time_elapsed` is chosen. */
export function withEvents(definition: RuleDefinition, events: RuleEventType[]): RuleDefinition {
  const timed = events.includes('ticket.time_elapsed');
  return { ...definition, events, timeTrigger: timed ? definition.timeTrigger ?? { ...DEFAULT_TIME_TRIGGER, anchor: { ...DEFAULT_TIME_TRIGGER.anchor } } : null };
}

export function blankDefinition(): RuleDefinition {
  return {
    name: '', description: '', events: ['ticket.created'], timeTrigger: null,
    conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: '' }] },
    actions: [{ type: 'set_priority', priority: 'high' }], stopProcessing: false,
  };
}

// ---------------------------------------------------------------------------------------
// Problems: the server's JSON pointers, placed on the part of the form they are about

export interface Problem { pointer: string; message: string }

export type ProblemPlace =
  | { area: 'conditions'; node: string; field: string }
  | { area: 'actions'; index: number; field: string }
  | { area: 'definition'; field: string };

/**
 * Where a pointer into a rule definition lands: `/conditions/all/0/operator` is the
 * `operator` of the node `/all/0`; `/actions/1/agentId` the `agentId` of action 1.
 */
export function placeOf(pointer: string): ProblemPlace {
  const path = tokens(pointer.replace(/^#/, ''));
  const [head, ...rest] = path;
  if (head === 'conditions') {
    let node = '';
    let i = 0;
    while (i < rest.length) {
      const token = rest[i]!;
      if ((token === 'all' || token === 'any') && /^\d+$/.test(rest[i + 1] ?? '')) {
        node += `/${token}/${rest[i + 1]}`;
        i += 2;
      } else if (token === 'not') {
        node += '/not';
        i += 1;
      } else break;
    }
    return { area: 'conditions', node, field: rest.slice(i).join('/') };
  }
  if (head === 'actions' && /^\d+$/.test(rest[0] ?? '')) return { area: 'actions', index: Number(rest[0]), field: rest.slice(1).join('/') };
  return { area: 'definition', field: path.join('/') };
}

/** Problems about a definition sent inside a larger body (`{ definition }`), re-rooted at the definition. */
export function withinDefinition(problems: readonly Problem[], prefix = '/definition'): Problem[] {
  return problems.map((problem) => (problem.pointer === prefix || problem.pointer.startsWith(`${prefix}/`)
    ? { ...problem, pointer: problem.pointer.slice(prefix.length) || '' }
    : problem));
}

export function conditionProblems(problems: readonly Problem[], node: string): (Problem & { field: string })[] {
  return problems.flatMap((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'conditions' && place.node === node ? [{ ...problem, field: place.field }] : [];
  });
}

export function actionProblems(problems: readonly Problem[], index: number): (Problem & { field: string })[] {
  return problems.flatMap((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'actions' && place.index === index ? [{ ...problem, field: place.field }] : [];
  });
}

/** Problems about the definition's own fields (`name`, `events`, `timeTrigger/afterSeconds`, or `actions` as a whole). */
export function definitionProblems(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'definition' && (place.field === field || place.field.startsWith(`${field}/`));
  });
}

// ---------------------------------------------------------------------------------------
// The JSON view

export function definitionToJson(definition: RuleDefinition): string {
  return JSON.stringify(definition, null, 2);
}

export type ParsedDefinition = { ok: true; definition: RuleDefinition } | { ok: false; error: string };

/**
 * Parses the JSON view. Only what the tree editor needs to render is checked here (the
 * server validates the rest and answers with pointers); missing optional fields default.
 */
export function parseDefinitionJson(text: string): ParsedDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(raw)) return { ok: false, error: 'A rule is a JSON object.' };
  if (typeof raw.name !== 'string') return { ok: false, error: '/name: a string is needed.' };
  if (raw.description !== undefined && typeof raw.description !== 'string') return { ok: false, error: '/description: a string is needed.' };
  if (!Array.isArray(raw.events) || !raw.events.every((event) => typeof event === 'string')) return { ok: false, error: '/events: a list of event names is needed.' };
  if (raw.timeTrigger !== undefined && raw.timeTrigger !== null && !isObject(raw.timeTrigger)) return { ok: false, error: '/timeTrigger: an object or null is needed.' };
  const treeError = checkTree(raw.conditions, '/conditions', true);
  if (treeError) return { ok: false, error: treeError };
  if (!Array.isArray(raw.actions)) return { ok: false, error: '/actions: a list is needed.' };
  const badAction = raw.actions.findIndex((action) => !isObject(action) || typeof action.type !== 'string');
  if (badAction >= 0) return { ok: false, error: `/actions/${badAction}: an action needs a "type".` };
  if (raw.stopProcessing !== undefined && typeof raw.stopProcessing !== 'boolean') return { ok: false, error: '/stopProcessing: true or false.' };
  const extra = Object.keys(raw).filter((key) => !['name', 'description', 'events', 'timeTrigger', 'conditions', 'actions', 'stopProcessing'].includes(key));
  if (extra.length) return { ok: false, error: `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}.` };
  return {
    ok: true,
    definition: {
      name: raw.name,
      description: (raw.description as string | undefined) ?? '',
      events: raw.events as RuleEventType[],
      timeTrigger: (raw.timeTrigger as TimeTrigger | null | undefined) ?? null,
      conditions: raw.conditions as ConditionGroup,
      actions: raw.actions as RuleAction[],
      stopProcessing: (raw.stopProcessing as boolean | undefined) ?? false,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTree(node: unknown, pointer: string, root = false): string | null {
  if (!isObject(node)) return `${pointer}: a condition or group object is needed.`;
  const keys = Object.keys(node);
  if ('fact' in node) {
    if (root) return `${pointer}: the top of the conditions must be an all, any or not group.`;
    if (typeof node.fact !== 'string' || typeof node.operator !== 'string') return `${pointer}: a condition needs "fact" and "operator" strings.`;
    return null;
  }
  if (keys.length !== 1) return `${pointer}: a group has exactly one of "all", "any" or "not".`;
  const [kind] = keys;
  if (kind === 'not') return checkTree(node.not, `${pointer}/not`);
  if (kind !== 'all' && kind !== 'any') return `${pointer}: a group has exactly one of "all", "any" or "not".`;
  const children = node[kind];
  if (!Array.isArray(children)) return `${pointer}/${kind}: a list is needed.`;
  for (const [i, child] of children.entries()) {
    const error = checkTree(child, `${pointer}/${kind}/${i}`);
    if (error) return error;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Words for actions, as the designer's lists and the ticket timeline show them

type NameOf = (id: string) => string;
const identity: NameOf = (id) => id;

export function describeRuleAction(action: RuleAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  switch (action.type) {
    case 'set_priority': return `set priority ${action.priority}`;
    case 'set_status': return `set status ${action.status}`;
    case 'add_tags': return `add tag${action.tags.length === 1 ? '' : 's'} ${action.tags.join(', ')}`;
    case 'remove_tags': return `remove tag${action.tags.length === 1 ? '' : 's'} ${action.tags.join(', ')}`;
    case 'set_field': return `set ${action.key} = ${String(action.value)}`;
    case 'assign_agent': return `assign to ${nameOf(action.agentId)}`;
    case 'assign_team': return `assign to team ${teamOf(action.teamId)} (${action.strategy.replace('_', ' ')})`;
    case 'add_note': return 'add an internal note';
    case 'reply': return 'reply to the customer';
    case 'notify': return `notify ${action.recipient.kind === 'assignee' ? 'the assignee' : action.recipient.kind === 'user' ? nameOf(action.recipient.userId) : `team ${teamOf(action.recipient.teamId)}`} (${action.channel === 'in_app' ? 'in app' : 'email'})`;
    case 'webhook': return `call ${action.method} ${action.url}`;
    case 'escalate': return ['escalate', action.priority && `to ${action.priority}`, action.teamId && `to team ${teamOf(action.teamId)}`].filter(Boolean).join(' ');
  }
}

export function describeResolvedAction(action: ResolvedAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  switch (action.kind) {
    case 'patch': {
      const parts: string[] = [];
      if (action.priority) parts.push(`set priority ${action.priority}`);
      if (action.tags) parts.push(`set tags ${action.tags.length ? action.tags.join(', ') : '(none)'}`);
      for (const [key, value] of Object.entries(action.fields ?? {})) parts.push(`set ${key} = ${String(value)}`);
      return parts.join(', ') || 'change nothing';
    }
    case 'setStatus': return `set status ${action.status}`;
    case 'assign': {
      const parts: string[] = [];
      if (action.assigneeId !== undefined) parts.push(action.assigneeId ? `assign to ${nameOf(action.assigneeId)}` : 'unassign');
      if (action.teamId !== undefined) parts.push(action.teamId ? `assign to team ${teamOf(action.teamId)}` : 'clear the team');
      return parts.join(', ') || 'assign';
    }
    case 'reply': return action.visibility === 'internal' ? 'add an internal note' : 'reply to the customer';
    case 'notify': return `notify ${action.userIds.length ? action.userIds.map(nameOf).join(', ') : 'nobody'} (${action.channel === 'in_app' ? 'in app' : 'email'})`;
    case 'webhook': return `call ${action.method} ${action.url}`;
  }
}

/** Either kind of action, as stored firings may carry one or the other. */
export function describeAnyAction(action: RuleAction | ResolvedAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  return 'kind' in action ? describeResolvedAction(action, nameOf, teamOf) : describeRuleAction(action, nameOf, teamOf);
}

/**
 * Stable keys for nodes and actions across edits, so an editor keeps its focus while its
 * node is replaced: untouched parts keep their identity, and a node rebuilt in the same
 * place inherits the key of the one it replaces.
 */
const keys = new WeakMap<object, number>();
let nextKey = 1;
export function keyOf(item: object): number {
  let key = keys.get(item);
  if (key === undefined) {
    key = nextKey++;
    keys.set(item, key);
  }
  return key;
}

export function carryKey<T extends object | null>(from: object, to: T): T {
  if (to !== null && to !== from && !keys.has(to)) keys.set(to, keyOf(from));
  return to;
}
