import { describe, expect, it } from 'vitest';
import { changesNothing, membershipRefusal, type Party } from './membership-change';

const owner: Party = { id: 'o1', role: 'owner' };
const otherOwner: Party = { id: 'o2', role: 'owner' };
const admin: Party = { id: 'a1', role: 'admin' };
const agent: Party = { id: 'g1', role: 'agent' };

describe('who may change a membership', () => {
  it('refuses a change to one\'s own membership, even an owner\'s', () => {
    expect(membershipRefusal(owner, owner, { kind: 'set-role', role: 'admin' })).toBe('own-membership');
    expect(membershipRefusal(admin, admin, { kind: 'deactivate' })).toBe('own-membership');
  });

  it('lets only owners demote, deactivate or promote to owner', () => {
    expect(membershipRefusal(admin, owner, { kind: 'set-role', role: 'agent' })).toBe('owners-only');
    expect(membershipRefusal(admin, owner, { kind: 'deactivate' })).toBe('owners-only');
    expect(membershipRefusal(admin, agent, { kind: 'set-role', role: 'owner' })).toBe('owners-only');
    expect(membershipRefusal(owner, otherOwner, { kind: 'set-role', role: 'admin' })).toBeNull();
    expect(membershipRefusal(owner, agent, { kind: 'set-role', role: 'owner' })).toBeNull();
  });

  it('lets an admin change and deactivate everyone below owner', () => {
    expect(membershipRefusal(admin, agent, { kind: 'set-role', role: 'dispatcher' })).toBeNull();
    expect(membershipRefusal(admin, { id: 'a2', role: 'admin' }, { kind: 'deactivate' })).toBeNull();
    expect(membershipRefusal(admin, agent, { kind: 'reactivate' })).toBeNull();
  });
});

describe('a repeated change', () => {
  it('changes nothing when the membership is already as asked', () => {
    expect(changesNothing({ role: 'agent', deactivated: false }, { kind: 'set-role', role: 'agent' })).toBe(true);
    expect(changesNothing({ role: 'agent', deactivated: false }, { kind: 'set-role', role: 'admin' })).toBe(false);
    expect(changesNothing({ role: 'agent', deactivated: true }, { kind: 'deactivate' })).toBe(true);
    expect(changesNothing({ role: 'agent', deactivated: true }, { kind: 'reactivate' })).toBe(false);
    expect(changesNothing({ role: 'agent', deactivated: false }, { kind: 'reactivate' })).toBe(true);
  });
});
