import { describe, expect, it } from 'vitest';
import { planMacro } from './plan';

const target = { actorId: 'agent-1', facts: { ticket: { number: 42, subject: 'Refund' }, requester: { name: 'Casey' }, agent: { name: 'Avery' } } };

describe('planMacro', () => {
  it('fills the reply with the rule templates\' placeholders, unknown ones empty', () => {
    const plan = planMacro({ reply: { body: 'Hi {{requester.name}}, #{{ ticket.number }} is with {{agent.name}}.{{ticket.nope}}', visibility: 'public' }, actions: [] }, target);
    expect(plan.reply).toEqual({ body: 'Hi Casey, #42 is with Avery.', visibility: 'public' });
    expect(plan).toMatchObject({ patch: null, assign: null, status: null });
  });

  it('sends tag actions as additions and removals (the last action on a tag wins) and keeps one command of each kind', () => {
    const plan = planMacro({
      reply: { body: '', visibility: 'internal' },
      actions: [
        { type: 'add_tags', tags: ['Refund', 'billing'] },
        { type: 'remove_tags', tags: ['VIP', 'refund'] },
        { type: 'add_tags', tags: ['refund'] },
        { type: 'set_priority', priority: 'high' },
        { type: 'set_field', key: 'reason', value: 'duplicate charge' },
        { type: 'set_priority', priority: 'urgent' },
        { type: 'assign_agent', agentId: 'me' },
        { type: 'assign_team', teamId: null },
        { type: 'set_status', status: 'pending' },
      ],
    }, target);
    expect(plan.patch).toEqual({ addTags: ['billing', 'refund'], removeTags: ['vip'], priority: 'urgent', fields: { reason: 'duplicate charge' } });
    expect(plan.assign).toEqual({ assigneeId: 'agent-1', teamId: null });
    expect(plan.status).toBe('pending');
  });

  it('assigns a named agent, or clears the assignee', () => {
    expect(planMacro({ reply: { body: '', visibility: 'public' }, actions: [{ type: 'assign_agent', agentId: 'agent-2' }] }, target).assign).toEqual({ assigneeId: 'agent-2' });
    expect(planMacro({ reply: { body: '', visibility: 'public' }, actions: [{ type: 'assign_agent', agentId: null }] }, target).assign).toEqual({ assigneeId: null });
  });
});
