import type { Knex } from 'knex';

/**
 * An SLA clock's outcome, as SQL. A clock past its deadline counts as breached even before
 * its workflow has recorded it; cancelled clocks (the ticket's target went away) count for
 * nothing.
 */
const OUTCOME = `
  CASE
    WHEN c.state = 'cancelled' THEN NULL
    WHEN c.breached_at IS NOT NULL THEN 'breached'
    WHEN c.state IN ('running', 'paused') AND c.due_at IS NOT NULL AND c.due_at <= now() THEN 'breached'
    WHEN c.state = 'met' THEN 'met'
    ELSE 'open'
  END`;

const TALLY = `
  count(*) FILTER (WHERE outcome = 'met')::int AS met,
  count(*) FILTER (WHERE outcome = 'breached')::int AS breached,
  count(*) FILTER (WHERE outcome = 'open')::int AS open`;

export type SlaTallyDimension = 'policy' | 'priority' | 'team' | 'target' | 'day';

export interface SlaTally { key: string | null; label: string | null; met: number; breached: number; open: number }

const GROUPS: Record<SlaTallyDimension, (timeZone: string) => { key: string; label: string }> = {
  policy: () => ({ key: 's.policy_id::text', label: 'p.name' }),
  priority: () => ({ key: 's.ticket_priority', label: 's.ticket_priority' }),
  team: () => ({ key: 's.ticket_team::text', label: 'tm.name' }),
  target: () => ({ key: 's.kind', label: 's.kind' }),
  // The day a clock started, in the reader's time zone.
  day: () => ({ key: `to_char(s.started_at AT TIME ZONE :timeZone, 'YYYY-MM-DD')`, label: 'NULL::text' }),
};

/** Clocks started in [from, to) counted by outcome, per value of one dimension. */
export async function slaClockTallies(
  trx: Knex.Transaction,
  orgId: string,
  range: { from: Date; to: Date; timeZone: string },
  dimension: SlaTallyDimension,
): Promise<SlaTally[]> {
  const { from, to, timeZone } = range;
  const { key, label } = GROUPS[dimension](timeZone);
  const result = await trx.raw(
    `WITH scoped AS (
       SELECT c.*, ${OUTCOME} AS outcome, t.priority AS ticket_priority, t.team_id AS ticket_team
       FROM sla_clocks c JOIN tickets t ON t.org_id = c.org_id AND t.number = c.ticket_number
       WHERE c.org_id = :orgId AND c.started_at >= :from AND c.started_at < :to
     )
     SELECT ${key} AS key, ${label} AS label, ${TALLY}
     FROM scoped s
     LEFT JOIN sla_policies p ON p.org_id = s.org_id AND p.id = s.policy_id
     LEFT JOIN teams tm ON tm.org_id = s.org_id AND tm.id = s.ticket_team
     WHERE outcome IS NOT NULL
     GROUP BY 1, 2
     ORDER BY 1`,
    { orgId, from, to, timeZone },
  );
  return result.rows as SlaTally[];
}
