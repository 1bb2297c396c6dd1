import { describe, expect, it } from 'vitest';
import { describeAnyAction } from './action-words';

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
