import { describe, expect, it } from 'vitest';
import { factsFor } from '../domain/rules/facts';
import type { AssignmentDirectory } from '../domain/rules/assignment-directory';
import { resolveActions } from './resolve-actions';
import { snapshot } from './test-factories';

const facts = factsFor(snapshot({ ticket: { tags: ['billing', 'vip'], assigneeId: 'agent-9' } }), { type: 'ticket.created', changes: {} });
const context = { ruleId: 'r1', ruleName: 'Rule', event: 'ticket.created' };

function directory(): AssignmentDirectory & { rotations: number } {
  const state = { rotations: 0 };
  return Object.assign(state, {
    teamAgents: async () => ['b', 'a', 'c'],
    nextInRotation: async (_team: string, candidates: string[]) => { state.rotations += 1; return [...candidates].sort()[0] ?? null; },
    leastLoaded: async (candidates: string[]) => candidates.at(-1) ?? null,
    withSkills: async (candidates: string[], skills: string[]) => (skills.includes('french') ? candidates.filter((id) => id !== 'c') : []),
  });
}

describe('resolving actions for one ticket', () => {
  it('turns tag edits into the resulting tag list, in order', async () => {
    const actions = await resolveActions([{ type: 'add_tags', tags: ['Urgent-Review'] }, { type: 'remove_tags', tags: ['VIP'] }], facts, directory(), context);
    expect(actions).toEqual([{ kind: 'patch', tags: ['billing', 'urgent-review', 'vip'] }, { kind: 'patch', tags: ['billing', 'urgent-review'] }]);
  });

  it('renders templates and leaves unknown placeholders empty', async () => {
    const [reply] = await resolveActions([{ type: 'reply', body: 'Hi {{requester.name}}, #{{ticket.number}} ({{ticket.tags}}){{nope.nothing}}.' }], facts, directory(), context);
    expect(reply).toEqual({ kind: 'reply', visibility: 'public', body: 'Hi Casey, #7 (billing, vip).' });
  });

  it('resolves assignment strategies to a person, and falls back to the team queue when nobody fits', async () => {
    const people = directory();
    const resolved = await resolveActions([
      { type: 'assign_team', teamId: 't', strategy: 'round_robin' },
      { type: 'assign_team', teamId: 't', strategy: 'least_open' },
      { type: 'assign_team', teamId: 't', strategy: 'skills', skills: ['french'] },
      { type: 'assign_team', teamId: 't', strategy: 'skills', skills: ['klingon'] },
      { type: 'assign_team', teamId: 't', strategy: 'team_only' },
    ], facts, people, context);
    expect(resolved).toEqual([
      { kind: 'assign', teamId: 't', assigneeId: 'a' },
      { kind: 'assign', teamId: 't', assigneeId: 'c' },
      { kind: 'assign', teamId: 't', assigneeId: 'a' },
      { kind: 'assign', teamId: 't' },
      { kind: 'assign', teamId: 't' },
    ]);
    expect(people.rotations).toBe(1);
  });

  it('expands escalation into priority, team and note, and notifications into recipients', async () => {
    const resolved = await resolveActions([
      { type: 'escalate', priority: 'urgent', teamId: 't', note: 'Escalated #{{ticket.number}}' },
      { type: 'notify', channel: 'in_app', recipient: { kind: 'assignee' }, message: 'Look at #{{ticket.number}}' },
      { type: 'notify', channel: 'email', recipient: { kind: 'team', teamId: 't' }, message: 'Team alert' },
    ], facts, directory(), context);
    expect(resolved).toEqual([
      { kind: 'patch', priority: 'urgent' },
      { kind: 'assign', teamId: 't' },
      { kind: 'reply', visibility: 'internal', body: 'Escalated #7' },
      { kind: 'notify', channel: 'in_app', userIds: ['agent-9'], message: 'Look at #7' },
      { kind: 'notify', channel: 'email', userIds: ['b', 'a', 'c'], message: 'Team alert' },
    ]);
  });

  describe('webhook payload templates', () => {
    const hostile = '", "admin": true, "x": "';
    const hostileFacts = factsFor(snapshot({ ticket: { subject: hostile, tags: ['a"b', 'c'] }, requester: { email: 'q@acme.test', name: 'Q\\"}', domain: 'acme.test' } }), { type: 'ticket.created', changes: {} });
    const body = async (payload: string) => {
      const [action] = await resolveActions([{ type: 'webhook', url: 'https://hooks.example.com/x', method: 'POST', payload }], hostileFacts, directory(), context);
      if (action?.kind !== 'webhook') throw new Error('no webhook');
      return action.body;
    };

    it('keeps ticket text inside its JSON string: a subject cannot add a field', async () => {
      const sent = JSON.parse(await body('{"subject": "Re: {{ticket.subject}}", "who": "{{requester.name}}", "tags": ["{{ticket.tags}}"], "n": 1}'));
      expect(sent).toEqual({ subject: `Re: ${hostile}`, who: 'Q\\"}', tags: ['a"b, c'], n: 1 });
      expect(Object.keys(sent)).not.toContain('admin');
    });

    it('escapes values in a template that is not JSON as written (a placeholder outside quotes)', async () => {
      const sent = JSON.parse(await body('{"number": {{ticket.number}}, "subject": "{{ticket.subject}}"}'));
      expect(sent).toEqual({ number: 7, subject: hostile });
      expect(Object.keys(sent)).not.toContain('admin');
      // A text placeholder outside quotes cannot form a key either: the result is simply not JSON.
      const unquoted = await body('{"s": {{ticket.subject}}}');
      expect(unquoted).toBe('{"s": \\", \\"admin\\": true, \\"x\\": \\"}');
      expect(() => JSON.parse(unquoted)).toThrow();
    });
  });
});
