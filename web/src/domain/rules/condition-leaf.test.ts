import { describe, expect, it } from 'vitest';
import { FACTS, OPERATORS } from '../../../../rules/catalogue';
import { withFact, withOperator } from './condition-leaf';
import { describeFact, operatorsFor, withCustomKey } from './facts';
import { priority, subject } from './test-trees';

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
});
