/**
 * Who may change whose membership. Two rules keep an organization from locking itself out:
 * nobody changes their own membership (so the last owner cannot demote or deactivate
 * themselves), and only an owner touches owners (so there is always one left, and an admin
 * cannot take the organization from its owners).
 */
export type MemberRole = 'owner' | 'admin' | 'agent' | 'dispatcher' | 'technician' | 'customer';

export type MembershipChange =
  | { kind: 'set-role'; role: MemberRole }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' };

export type MembershipRefusal = 'own-membership' | 'owners-only';

export interface Party {
  id: string;
  role: MemberRole;
}

/** Why the actor may not make the change to the target's membership, or null when they may. */
export function membershipRefusal(actor: Party, target: Party, change: MembershipChange): MembershipRefusal | null {
  if (actor.id === target.id) return 'own-membership';
  const touchesOwner = target.role === 'owner' || (change.kind === 'set-role' && change.role === 'owner');
  if (touchesOwner && actor.role !== 'owner') return 'owners-only';
  return null;
}

/** Whether the change leaves the membership as it is (a repeated request), so nothing is written or audited. */
export function changesNothing(target: { role: MemberRole; deactivated: boolean }, change: MembershipChange): boolean {
  switch (change.kind) {
    case 'set-role':
      return target.role === change.role;
    case 'deactivate':
      return target.deactivated;
    case 'reactivate':
      return !target.deactivated;
  }
}
