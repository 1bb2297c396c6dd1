import type { Knex } from 'knex';
import { TICKET_PRIORITIES, type TicketPriority } from '../../domain/ticket/status';
import type { SlaReport, SlaReportQuery } from '../schemas/reports';
import { slaClockTallies, type SlaTally, type SlaTallyDimension } from '../../db/sla-clock-tallies';

const compliance = (row: { met: number; breached: number }) => (row.met + row.breached === 0 ? null : row.met / (row.met + row.breached));
const withCompliance = <T extends { met: number; breached: number; open: number }>(row: T) => ({ ...row, compliance: compliance(row) });

/** SLA compliance over clocks started in [from, to), grouped every way the report shows. */
export async function slaCompliance(trx: Knex.Transaction, orgId: string, query: SlaReportQuery): Promise<SlaReport> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const grouped = (dimension: SlaTallyDimension) => slaClockTallies(trx, orgId, { from, to, timeZone: query.timeZone }, dimension);

  // One transaction means one connection: the queries run one after another anyway.
  const byPolicy = await grouped('policy');
  const byPriority = await grouped('priority');
  const byTeam = await grouped('team');
  const byTarget = await grouped('target');
  const daily = await grouped('day');
  const totals = byTarget.reduce((sum, row) => ({ met: sum.met + row.met, breached: sum.breached + row.breached, open: sum.open + row.open }), { met: 0, breached: 0, open: 0 });
  const labelled = (rows: SlaTally[], fallback: string) => rows.map((row) => withCompliance({ ...row, label: row.label ?? fallback }));
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

/** Most urgent first. */
const sortPriorities = <T extends { key: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => TICKET_PRIORITIES.indexOf(b.key as TicketPriority) - TICKET_PRIORITIES.indexOf(a.key as TicketPriority));
