import { describe, expect, it } from 'vitest';
import { choosePolicy, type SlaPolicy } from './policy';

const policy = (id: string, position: number, conditions: SlaPolicy['conditions']): SlaPolicy => ({
  id, name: id, position, conditions, targets: { normal: { first_response: 3600 } }, hours: 'calendar', calendarId: null, pauseStatuses: [], warnAt: 0.75,
});
const ticket = (fields: Record<string, string | number | boolean | string[]>) => ({ priority: 'normal' as const, channel: 'web' as const, tags: [], teamId: null, companyId: null, fields });

describe('SLA policy conditions on custom fields', () => {
  const policies = [
    policy('enterprise-voice', 0, { fields: [{ key: 'plan', equals: 'enterprise' }, { key: 'modules', equals: 'voice' }] }),
    policy('enterprise', 1, { fields: [{ key: 'plan', equals: 'enterprise' }] }),
    policy('vip', 2, { fields: [{ key: 'vip', equals: true }] }),
    policy('default', 3, {}),
  ];
  it('matches when every field condition holds, a multi-select by including the value', () => {
    expect(choosePolicy(policies, ticket({ plan: 'enterprise', modules: ['mail', 'voice'] }))?.id).toBe('enterprise-voice');
    expect(choosePolicy(policies, ticket({ plan: 'enterprise', modules: ['mail'] }))?.id).toBe('enterprise');
    expect(choosePolicy(policies, ticket({ vip: true }))?.id).toBe('vip');
    expect(choosePolicy(policies, ticket({ vip: 'true', plan: 'pro' }))?.id).toBe('default');
  });
  it('a ticket without fields matches only policies without field conditions', () => {
    expect(choosePolicy(policies, { priority: 'normal', channel: 'web', tags: [], teamId: null, companyId: null })?.id).toBe('default');
  });
});
