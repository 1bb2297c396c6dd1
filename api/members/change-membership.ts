import { withTenant } from '../../db/tenant';
import { lockDirectoryEntry, setMemberDeactivated, setMemberRole, type DirectoryRow } from '../../db/member-directory';
import { revokeMemberSessions } from '../../db/refresh-token-store';
import { changesNothing, membershipRefusal, type MembershipChange, type MembershipRefusal } from '../../domain/members/membership-change';
import type { Auth, Role } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { forbidden, notFound, type Problem } from '../problem';
import type { MemberView } from '../schemas/users';

const REFUSALS: Record<MembershipRefusal, () => Problem> = {
  'own-membership': () => forbidden('You cannot change your own role or deactivate yourself; another owner or admin can.'),
  'owners-only': () => forbidden('Only an owner may change an owner, or make someone an owner.'),
};

const AUDIT_ACTIONS: Record<MembershipChange['kind'], string> = {
  'set-role': 'member.role_changed',
  deactivate: 'member.deactivated',
  reactivate: 'member.reactivated',
};

export function memberView(row: DirectoryRow): MemberView {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, deactivatedAt: row.deactivated_at?.toISOString() ?? null };
}

/**
 * Changes a member's role or deactivates or reactivates them, in one transaction with its
 * audit line. The member's sessions end with the change, so a new role (or none) holds from
 * their next request rather than when their access token would have expired. Asking for
 * what is already so answers the member as they are and writes nothing.
 */
export async function changeMembership(deps: ApiDeps, auth: Auth, userId: string, change: MembershipChange): Promise<MemberView> {
  return withTenant(deps.db, auth, async (trx) => {
    const target = await lockDirectoryEntry(trx, auth.orgId, userId);
    if (!target) throw notFound('Member');
    const refusal = membershipRefusal({ id: auth.userId, role: auth.role }, { id: target.id, role: target.role as Role }, change);
    if (refusal) throw REFUSALS[refusal]();
    if (changesNothing({ role: target.role as Role, deactivated: target.deactivated_at !== null }, change)) return memberView(target);

    const now = new Date();
    const next: DirectoryRow = { ...target };
    if (change.kind === 'set-role') {
      await setMemberRole(trx, auth.orgId, userId, change.role);
      next.role = change.role;
    } else {
      const deactivated = change.kind === 'deactivate' ? { at: now, actorId: auth.userId } : null;
      await setMemberDeactivated(trx, auth.orgId, userId, deactivated);
      next.deactivated_at = deactivated?.at ?? null;
    }
    await revokeMemberSessions(trx, auth.orgId, userId);
    await auditCaller(trx, auth, {
      action: AUDIT_ACTIONS[change.kind], entityType: 'member', entityId: userId,
      data: change.kind === 'set-role' ? { from: target.role, to: change.role } : { email: target.email },
    });
    return memberView(next);
  });
}
