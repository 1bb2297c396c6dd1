import { describe, expect, it } from 'vitest';
import { actionProblems, conditionProblems, definitionProblems, placeOf, withinDefinition } from './problem-places';

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
