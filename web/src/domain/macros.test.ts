import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../rules/catalogue';
import { MACRO_PLACEHOLDERS, parseTags, summariseMacroActions } from './macros';

const names = { agent: (id: string) => (id === 'a1' ? 'Ada' : undefined), team: (id: string) => (id === 't1' ? 'Billing' : undefined) };

describe('macros in the settings page', () => {
  it('offers only placeholders the rule templates fill, plus the agent applying the macro', () => {
    const factPaths = new Set(FACTS.map((fact) => fact.path));
    for (const placeholder of MACRO_PLACEHOLDERS) expect(placeholder.startsWith('agent.') || factPaths.has(placeholder), placeholder).toBe(true);
  });

  it('reads a typed tag list separated by commas or spaces', () => {
    expect(parseTags(' refund,billing  vip, ')).toEqual(['refund', 'billing', 'vip']);
    expect(parseTags('')).toEqual([]);
  });

  it('summarises what applying a macro does, naming agents and teams', () => {
    expect(summariseMacroActions([
      { type: 'set_status', status: 'on_hold' },
      { type: 'add_tags', tags: ['refund', 'vip'] },
      { type: 'assign_agent', agentId: 'a1' },
      { type: 'assign_agent', agentId: 'me' },
      { type: 'assign_team', teamId: 't1' },
      { type: 'assign_team', teamId: null },
    ], names)).toBe('status → On hold · +refund +vip · assign → Ada · assign → me · team → Billing · unassign team');
  });
});
