import type { Knex } from 'knex';
import type { AssignmentDirectory } from '../domain/rules/assignment-directory';
import { tenantJoin } from './tenant-join';

const AGENT_ROLES = ['owner', 'admin', 'agent'];

/**
 * Assignment strategies over Postgres, inside the caller's tenant transaction. A dry run (a
 * rule test or backtest) answers the same question without moving the round-robin cursor.
 */
export function assignmentDirectory(trx: Knex.Transaction, orgId: string, options: { dryRun?: boolean } = {}): AssignmentDirectory {
  return {
    async teamAgents(teamId) {
      return trx('team_members as tm')
        .join('memberships as m', tenantJoin(['m.user_id', 'tm.user_id']))
        .where({ 'tm.org_id': orgId, 'tm.team_id': teamId })
        .whereIn('m.role', AGENT_ROLES)
        .whereNull('m.deactivated_at')
        .orderBy('tm.user_id')
        .pluck('tm.user_id');
    },

    async nextInRotation(teamId, candidates) {
      if (candidates.length === 0) return null;
      if (options.dryRun) {
        const cursor = await trx('assignment_cursors').where({ org_id: orgId, team_id: teamId }).first<{ last_user_id: string | null } | undefined>('last_user_id');
        return pickAfter(candidates, cursor?.last_user_id ?? null);
      }
      // Lock the team's cursor row so concurrent tickets take turns instead of the same agent.
      await trx('assignment_cursors').insert({ org_id: orgId, team_id: teamId, last_user_id: null }).onConflict(['org_id', 'team_id']).ignore();
      const cursor = await trx('assignment_cursors').where({ org_id: orgId, team_id: teamId }).forUpdate().first<{ last_user_id: string | null }>('last_user_id');
      const next = pickAfter(candidates, cursor.last_user_id);
      await trx('assignment_cursors').where({ org_id: orgId, team_id: teamId }).update({ last_user_id: next });
      return next;
    },

    async leastLoaded(candidates) {
      if (candidates.length === 0) return null;
      const counts: { assignee_id: string; n: number }[] = await trx('tickets')
        .where({ org_id: orgId })
        .whereIn('assignee_id', candidates)
        .whereIn('status', ['new', 'open', 'pending', 'on_hold'])
        .groupBy('assignee_id')
        .select('assignee_id', trx.raw('count(*)::int AS n'));
      const load = new Map(counts.map((row) => [row.assignee_id, row.n]));
      return [...candidates].sort().reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best));
    },

    async withSkills(candidates, skills) {
      if (candidates.length === 0 || skills.length === 0) return candidates;
      return trx('member_skills')
        .where({ org_id: orgId })
        .whereIn('user_id', candidates)
        .whereIn('skill', skills)
        .groupBy('user_id')
        .havingRaw('count(DISTINCT skill) = ?', [new Set(skills.map((skill) => skill.toLowerCase())).size])
        .orderBy('user_id')
        .pluck('user_id');
    },
  };
}

/** The next candidate after the last one picked, wrapping around, in a stable order. */
function pickAfter(candidates: string[], last: string | null): string | null {
  const sorted = [...candidates].sort();
  return sorted.find((id) => last === null || id > last) ?? sorted[0] ?? null;
}
