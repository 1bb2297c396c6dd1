import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../domain/rules/index';
import { rule } from './test-factories';
import { conditionDepthProblem, validateRule } from './validate';

const agentId = '11111111-1111-4111-8111-111111111111';
const directory = { agentIds: new Set([agentId]), teamIds: new Set<string>() };
const definition = (parts: Partial<RuleDefinition>): RuleDefinition => ({ ...rule({}).definition, ...parts });

describe('rule validation', () => {
  it('accepts operators that fit their fact, values of the right type, and custom field paths', () => {
    expect(validateRule(definition({
      conditions: { all: [
        { fact: 'ticket.ageSeconds', operator: 'greaterThan', value: 3600 },
        { fact: 'ticket.fields.plan', operator: 'equal', value: 'pro' },
        { fact: 'change.fields.plan', operator: 'changedFrom', value: 'free' },
        { fact: 'ticket.tags', operator: 'isEmpty' },
        { not: { fact: 'calendar.inBusinessHours', operator: 'equal', value: true } },
      ] },
      actions: [{ type: 'assign_agent', agentId }],
    }), directory)).toEqual([]);
  });

  it('points at each mistake: fact, operator, value type, list, pattern, agent, team, trigger', () => {
    const problems = validateRule(definition({
      events: ['ticket.time_elapsed'],
      conditions: { any: [
        { fact: 'ticket.fields.bad key', operator: 'equal', value: 1 },
        { fact: 'ticket.ageSeconds', operator: 'contains', value: 'x' },
        { fact: 'ticket.ageSeconds', operator: 'greaterThan', value: '1h' },
        { fact: 'ticket.status', operator: 'in', value: [] },
        { fact: 'ticket.subject', operator: 'matches', value: '([a-z]*)*x' },
        { fact: 'change.status', operator: 'changed', value: 'open' },
      ] },
      actions: [{ type: 'assign_team', teamId: agentId, strategy: 'skills' }, { type: 'notify', channel: 'in_app', recipient: { kind: 'user', userId: '22222222-2222-4222-8222-222222222222' }, message: 'hi' }],
    }), directory);
    expect(problems.map((problem) => problem.pointer)).toEqual([
      '/conditions/any/0/fact',
      '/conditions/any/1/operator',
      '/conditions/any/2/value',
      '/conditions/any/3/value',
      '/conditions/any/4/value',
      '/conditions/any/5/value',
      '/actions/0/teamId',
      '/actions/0/skills',
      '/actions/1/recipient/userId',
      '/timeTrigger',
    ]);
    expect(problems[1]?.message).toContain('does not apply');
    expect(problems[4]?.message).toContain('exponential');
  });
});

describe('condition depth, checked before any schema parses the conditions', () => {
  const nest = (depth: number, group: 'all' | 'any' | 'not' = 'all'): unknown => {
    let node: unknown = { fact: 'ticket.subject', operator: 'contains', value: 'x' };
    for (let i = 0; i < depth; i += 1) node = group === 'not' ? { not: node } : { [group]: [node] };
    return node;
  };

  it('accepts groups up to the limit', () => {
    expect(conditionDepthProblem(nest(8))).toBeNull();
    expect(conditionDepthProblem(nest(8, 'not'))).toBeNull();
  });

  it('refuses deeper nesting, 2,000 deep included, pointing at the first group past the limit', () => {
    expect(conditionDepthProblem(nest(9))).toEqual({ pointer: `/conditions${'/all/0'.repeat(8)}`, message: 'Groups nest at most 8 deep.' });
    expect(conditionDepthProblem(nest(2000, 'any'))?.message).toBe('Groups nest at most 8 deep.');
    expect(conditionDepthProblem(nest(200_000, 'not'))?.pointer).toBe(`/conditions${'/not'.repeat(8)}`);
  });

  it('ignores what is not a group: the schema reports it', () => {
    expect(conditionDepthProblem('nonsense')).toBeNull();
    expect(conditionDepthProblem(null)).toBeNull();
  });
});
