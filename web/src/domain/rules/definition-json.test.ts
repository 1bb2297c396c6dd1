import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../api/types';
import { definitionToJson, parseDefinitionJson } from './definition-json';
import { subject, tree } from './test-trees';

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
