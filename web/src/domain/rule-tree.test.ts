import { describe, expect, it } from 'vitest';
import { FACTS, OPERATORS } from '../../../rules/catalogue';
import type { ConditionGroup, RuleDefinition } from '../api/types';
import {
  actionProblems, addChild, blankDefinition, conditionProblems, definitionProblems, definitionToJson, describeAnyAction, describeFact, moveChild,
  nodeAt, operatorsFor, parseDefinitionJson, placeOf, removeNode, replaceNode, setChildren, setGroupKind, withCustomKey, withEvents, withFact,
  withOperator, keyOf, withinDefinition,
} from './rule-tree';

const subject = { fact: 'ticket.subject', operator: 'contains', value: 'refund' };
const priority = { fact: 'ticket.priority', operator: 'equal', value: 'high' };
const tags = { fact: 'ticket.tags', operator: 'contains', value: 'vip' };

const tree = (): ConditionGroup => ({ all: [subject, { any: [priority, { not: tags }] }] });

describe('condition tree edits', () => {
  it('finds nodes by pointer', () => {
    expect(nodeAt(tree(), '')).toEqual(tree());
    expect(nodeAt(tree(), '/all/1/any/0')).toEqual(priority);
    expect(nodeAt(tree(), '/all/1/any/1/not')).toEqual(tags);
    expect(nodeAt(tree(), '/all/7')).toBeUndefined();
  });

  it('adds to all/any groups and to a not by joining its node in an all', () => {
    expect(addChild(tree(), '', tags)).toEqual({ all: [subject, { any: [priority, { not: tags }] }, tags] });
    expect(nodeAt(addChild(tree(), '/all/1', subject), '/all/1')).toEqual({ any: [priority, { not: tags }, subject] });
    expect(nodeAt(addChild(tree(), '/all/1/any/1', subject), '/all/1/any/1')).toEqual({ not: { all: [tags, subject] } });
    expect(() => addChild(tree(), '/all/0', tags)).toThrow(/not a group/);
  });

  it('removes leaves and groups without touching the original; removing the node of a not removes the not', () => {
    const original = tree();
    expect(removeNode(original, '/all/0')).toEqual({ all: [{ any: [priority, { not: tags }] }] });
    expect(removeNode(original, '/all/1/any/1/not')).toEqual({ all: [subject, { any: [priority] }] });
    expect(removeNode(original, '/all/1')).toEqual({ all: [subject] });
    expect(removeNode(original, '')).toEqual({ all: [] });
    expect(original).toEqual(tree());
  });

  it('keeps untouched subtrees by identity, so their keys survive an edit', () => {
    const original = tree();
    const edited = replaceNode(original, '/all/0', { ...subject, value: 'refund please' });
    expect(nodeAt(edited, '/all/1')).toBe(nodeAt(original, '/all/1'));
    expect(nodeAt(edited, '/all/0')).toEqual({ ...subject, value: 'refund please' });
  });

  it('moves a child within its group, and ignores moves out of range', () => {
    expect(moveChild(tree(), '', 0, 1)).toEqual({ all: [{ any: [priority, { not: tags }] }, subject] });
    expect(moveChild(tree(), '/all/1', 1, 0)).toEqual({ all: [subject, { any: [{ not: tags }, priority] }] });
    expect(moveChild(tree(), '', 0, 5)).toEqual(tree());
    expect(setChildren(tree(), '/all/1', [tags])).toEqual({ all: [subject, { any: [tags] }] });
  });

  it('switches group kinds: all ↔ any keep children, not wraps several in an all and unwraps again', () => {
    expect(setGroupKind(tree(), '', 'any')).toEqual({ any: [subject, { any: [priority, { not: tags }] }] });
    expect(setGroupKind(tree(), '', 'not')).toEqual({ not: tree() });
    expect(setGroupKind({ all: [subject] }, '', 'not')).toEqual({ not: subject });
    expect(setGroupKind({ not: { all: [subject, tags] } }, '', 'any')).toEqual({ any: [subject, tags] });
    expect(setGroupKind({ not: subject }, '', 'all')).toEqual({ all: [subject] });
  });
});

describe('facts, operators and values', () => {
  it('offers only the operators that fit the fact type', () => {
    const names = (path: string) => operatorsFor(OPERATORS, describeFact(FACTS, path)).map((o) => o.name);
    expect(names('ticket.priority')).toEqual(['equal', 'notEqual', 'in', 'notIn']);
    expect(names('ticket.tags')).toEqual(['contains', 'notContains', 'isEmpty', 'isNotEmpty']);
    expect(names('change.status')).toEqual(['changed', 'changedTo', 'changedFrom']);
    expect(names('ticket.fields.plan')).toContain('matches');
    expect(names('ticket.ageSeconds')).toContain('greaterThan');
    expect(names('nonsense')).toEqual([]);
  });

  it('changing the fact keeps a fitting operator and resets a value of another type', () => {
    expect(withFact(subject, 'requester.email', FACTS, OPERATORS)).toEqual({ fact: 'requester.email', operator: 'contains', value: 'refund' });
    expect(withFact(subject, 'ticket.priority', FACTS, OPERATORS)).toEqual({ fact: 'ticket.priority', operator: 'equal', value: 'low' });
    expect(withFact(subject, 'change.status', FACTS, OPERATORS)).toEqual({ fact: 'change.status', operator: 'changed' });
    expect(withFact(priority, 'ticket.ageSeconds', FACTS, OPERATORS)).toEqual({ fact: 'ticket.ageSeconds', operator: 'equal', value: 3600 });
  });

  it('changing the operator reshapes the value', () => {
    expect(withOperator(priority, 'in', FACTS, OPERATORS)).toEqual({ fact: 'ticket.priority', operator: 'in', value: ['high'] });
    expect(withOperator({ ...priority, operator: 'in', value: ['high', 'urgent'] }, 'equal', FACTS, OPERATORS)).toEqual(priority);
    expect(withOperator(subject, 'isEmpty', FACTS, OPERATORS)).toEqual({ fact: 'ticket.subject', operator: 'isEmpty' });
    expect(withOperator({ fact: 'change.status', operator: 'changed' }, 'changedTo', FACTS, OPERATORS)).toEqual({ fact: 'change.status', operator: 'changedTo', value: 'new' });
    expect(withOperator(subject, 'matches', FACTS, OPERATORS)).toEqual({ fact: 'ticket.subject', operator: 'matches', value: '' });
  });

  it('custom fields keep a free key after ticket.fields.', () => {
    expect(withCustomKey('ticket.fields.', 'plan')).toBe('ticket.fields.plan');
    expect(withCustomKey('change.fields.old', ' tier ')).toBe('change.fields.tier');
    expect(describeFact(FACTS, 'ticket.fields.plan')?.type).toBe('custom');
  });

  it('a time trigger exists exactly while time elapsed is a trigger', () => {
    const timed = withEvents(blankDefinition(), ['ticket.time_elapsed']);
    expect(timed.timeTrigger).toEqual({ anchor: { kind: 'status', status: 'pending' }, afterSeconds: 432_000, hours: 'calendar' });
    const kept = withEvents({ ...timed, timeTrigger: { anchor: { kind: 'created' }, afterSeconds: 60, hours: 'business' } }, ['ticket.time_elapsed', 'ticket.updated']);
    expect(kept.timeTrigger?.afterSeconds).toBe(60);
    expect(withEvents(timed, ['ticket.created']).timeTrigger).toBeNull();
  });
});

describe('problems from JSON pointers', () => {
  const problems = [
    { pointer: '/conditions/all/0/operator', message: 'does not fit' },
    { pointer: '/conditions/all/1/any/1/not/value', message: 'bad regex' },
    { pointer: '/conditions/all/1/any', message: 'empty group' },
    { pointer: '/actions/1/agentId', message: 'unknown agent' },
    { pointer: '/actions', message: 'at least one' },
    { pointer: '/timeTrigger/afterSeconds', message: 'too long' },
    { pointer: '/name', message: 'required' },
  ];

  it('places each pointer on its node, action or field', () => {
    expect(placeOf('/conditions/all/0/operator')).toEqual({ area: 'conditions', node: '/all/0', field: 'operator' });
    expect(placeOf('/conditions/all/1/any/1/not/value/2')).toEqual({ area: 'conditions', node: '/all/1/any/1/not', field: 'value/2' });
    expect(placeOf('/conditions')).toEqual({ area: 'conditions', node: '', field: '' });
    expect(placeOf('/conditions/all')).toEqual({ area: 'conditions', node: '', field: 'all' });
    expect(placeOf('/actions/3/recipient/userId')).toEqual({ area: 'actions', index: 3, field: 'recipient/userId' });
    expect(placeOf('/events/0')).toEqual({ area: 'definition', field: 'events/0' });
  });

  it('re-roots pointers into a { definition } body', () => {
    expect(withinDefinition([{ pointer: '/definition/conditions/all/0/value', message: 'm' }, { pointer: '/definition', message: 'n' }, { pointer: '/ticketNumber', message: 'o' }]))
      .toEqual([{ pointer: '/conditions/all/0/value', message: 'm' }, { pointer: '', message: 'n' }, { pointer: '/ticketNumber', message: 'o' }]);
  });

  it('hands each editor only its own problems', () => {
    expect(conditionProblems(problems, '/all/0').map((p) => p.field)).toEqual(['operator']);
    expect(conditionProblems(problems, '/all/1/any/1/not').map((p) => p.message)).toEqual(['bad regex']);
    expect(conditionProblems(problems, '/all/1').map((p) => p.field)).toEqual(['any']);
    expect(conditionProblems(problems, '/all/1/any/1')).toEqual([]);
    expect(actionProblems(problems, 1)).toEqual([{ pointer: '/actions/1/agentId', message: 'unknown agent', field: 'agentId' }]);
    expect(definitionProblems(problems, 'timeTrigger').map((p) => p.message)).toEqual(['too long']);
    expect(definitionProblems(problems, 'actions').map((p) => p.message)).toEqual(['at least one']);
  });
});

describe('the JSON view', () => {
  const definition: RuleDefinition = {
    name: 'Refunds', description: '', events: ['ticket.created'], timeTrigger: null, conditions: tree(),
    actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tags', tags: ['billing'] }], stopProcessing: true,
  };

  it('round-trips a definition', () => {
    const parsed = parseDefinitionJson(definitionToJson(definition));
    expect(parsed).toEqual({ ok: true, definition });
  });

  it('defaults optional fields', () => {
    const parsed = parseDefinitionJson(JSON.stringify({ name: 'x', events: [], conditions: { any: [] }, actions: [] }));
    expect(parsed).toEqual({ ok: true, definition: { name: 'x', description: '', events: [], timeTrigger: null, conditions: { any: [] }, actions: [], stopProcessing: false } });
  });

  it('explains what keeps the tree from being drawn', () => {
    const error = (value: unknown) => { const parsed = parseDefinitionJson(typeof value === 'string' ? value : JSON.stringify(value)); return parsed.ok ? null : parsed.error; };
    expect(error('{"name": ')).toMatch(/^Not JSON/);
    expect(error([])).toMatch(/object/);
    expect(error({ ...definition, conditions: subject })).toMatch(/top of the conditions/);
    expect(error({ ...definition, conditions: { all: [{ fact: 'x' }] } })).toBe('/conditions/all/0: a condition needs "fact" and "operator" strings.');
    expect(error({ ...definition, conditions: { all: [], any: [] } })).toMatch(/exactly one/);
    expect(error({ ...definition, actions: [{ priority: 'high' }] })).toBe('/actions/0: an action needs a "type".');
    expect(error({ ...definition, colour: 'red' })).toBe('Unknown field: colour.');
  });
});

describe('words for actions', () => {
  it('describes what an admin wrote and what a firing resolved', () => {
    const names = (id: string) => ({ u1: 'Ada' })[id] ?? id;
    expect(describeAnyAction({ type: 'add_tags', tags: ['billing'] })).toBe('add tag billing');
    expect(describeAnyAction({ type: 'assign_agent', agentId: 'u1' }, names)).toBe('assign to Ada');
    expect(describeAnyAction({ kind: 'patch', priority: 'urgent', tags: ['billing', 'refund'] })).toBe('set priority urgent, set tags billing, refund');
    expect(describeAnyAction({ kind: 'assign', assigneeId: 'u1' }, names)).toBe('assign to Ada');
    expect(describeAnyAction({ kind: 'reply', body: 'x', visibility: 'internal' })).toBe('add an internal note');
  });
});

describe('keys for editors', () => {
  it('a node rebuilt in place, and its ancestors, keep their keys; siblings keep theirs', () => {
    const original = tree();
    const before = { group: keyOf(nodeAt(original, '/all/1')!), leaf: keyOf(nodeAt(original, '/all/1/any/0')!), first: keyOf(nodeAt(original, '/all/0')!) };
    const edited = replaceNode(original, '/all/1/any/0', { ...priority, value: 'urgent' });
    expect(keyOf(nodeAt(edited, '/all/1')!)).toBe(before.group);
    expect(keyOf(nodeAt(edited, '/all/1/any/0')!)).toBe(before.leaf);
    expect(keyOf(nodeAt(edited, '/all/0')!)).toBe(before.first);
    const moved = moveChild(edited, '', 0, 1);
    expect(keyOf(nodeAt(moved, '/all/1')!)).toBe(before.first);
    expect(keyOf(nodeAt(addChild(moved, '', tags), '/all/2')!)).not.toBe(before.first);
  });
});
