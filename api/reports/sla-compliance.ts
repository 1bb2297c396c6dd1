import type { Knex } from 'knex';
import { TICKET_PRIORITIES, type TicketPriority } from '../../domain/ticket/status';
import type { SlaReport, SlaReportQuery } from '../schemas/reports';

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

type Dimension = 'policy' | 'priority' | 'team' | 'target' | 'day';

interface TallyRow { key: string | null; label: string | null; met: number; breached: number; open: number }

const compliance = (row: { met: number; breached: number }) => (row.met + row.breached === 0 ? null : row.met / (row.met + row.breached));
const withCompliance = <T extends { met: number; breached: number; open: number }>(row: T) => ({ ...row, compliance: compliance(row) });

/** SLA compliance over clocks started in [from, to), grouped every way the report shows. */
export async function slaCompliance(trx: Knex.Transaction, orgId: string, query: SlaReportQuery): Promise<SlaReport> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const grouped = async (dimension: Dimension): Promise<TallyRow[]> => {
    const { key, label } = GROUPS[dimension](query.timeZone);
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
      { orgId, from, to, timeZone: query.timeZone },
    );
    return result.rows as TallyRow[];
  };

  // One transaction means one connection: the queries run one after another anyway.
  const byPolicy = await grouped('policy');
  const byPriority = await grouped('priority');
  const byTeam = await grouped('team');
  const byTarget = await grouped('target');
  const daily = await grouped('day');
  const totals = byTarget.reduce((sum, row) => ({ met: sum.met + row.met, breached: sum.breached + row.breached, open: sum.open + row.open }), { met: 0, breached: 0, open: 0 });
  const labelled = (rows: TallyRow[], fallback: string) => rows.map((row) => withCompliance({ ...row, label: row.label ?? fallback }));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: query.timeZone,
    totals: withCompliance(totals),
    byPolicy: labelled(byPolicy, 'Deleted policy'),
    byPriority: sortPriorities(labelled(byPriority, '')),
    byTeam: labelled(byTeam, 'No team'),
    byTarget: labelled(byTarget, '') as SlaReport['byTarget'],
    daily: daily.map(({ key, met, breached, open }) => withCompliance({ date: key ?? '', met, breached, open })),
  };
}

const GROUPS: Record<Dimension, (timeZone: string) => { key: string; label: string }> = {
  policy: () => ({ key: 's.policy_id::text', label: 'p.name' }),
  priority: () => ({ key: 's.ticket_priority', label: 's.ticket_priority' }),
  team: () => ({ key: 's.ticket_team::text', label: 'tm.name' }),
  target: () => ({ key: 's.kind', label: 's.kind' }),
  // The day a clock started, in the reader's time zone.
  day: () => ({ key: `to_char(s.started_at AT TIME ZONE :timeZone, 'YYYY-MM-DD')`, label: 'NULL::text' }),
};

/** Most urgent first. */
const sortPriorities = <T extends { key: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => TICKET_PRIORITIES.indexOf(b.key as TicketPriority) - TICKET_PRIORITIES.indexOf(a.key as TicketPriority));
