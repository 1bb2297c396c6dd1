import { AGE_BANDS, REVISIT_DAYS, type CategoryOf, type DatasetId, type FlagOf, type NumberOf } from '../../domain/metrics/datasets';

/**
 * The SQL behind every name in `domain/metrics/datasets.ts`: constant fragments only, never
 * built from input (filter values and the range are bindings). The mapped types make a name
 * without SQL a compile error.
 */
export interface CategorySql {
  /** What rows group and filter by (a record's id for entity dimensions). */
  key: string;
  /** What the answer shows, when not the key itself (the record's name). */
  label?: string;
  /** Joins the expression reads, by name in the source's `joins`, in the order they apply. */
  joins?: readonly string[];
  /** The key is one value of this text[] column: filters test the array itself. */
  array?: string;
}

export interface ValueSql {
  sql: string;
  joins?: readonly string[];
}

/** The ticket or work order behind a row, for drill-down: its number, title, status, priority. */
export interface RecordSql {
  kind: 'ticket' | 'work_order';
  joins: readonly string[];
  number: string;
  title: string;
  status: string;
  priority: string;
}

const TICKET_RECORD = { kind: 'ticket', number: 't.number', title: 't.subject', status: 't.status', priority: 't.priority' } as const;
const WORK_ORDER_RECORD = { kind: 'work_order', number: 'w.number', title: 'w.title', status: 'w.status', priority: 'w.priority' } as const;

export interface Source<D extends DatasetId> {
  /** `table AS alias`; the alias's `org_id` scopes the query (RLS scopes it anyway). */
  from: string;
  alias: string;
  time: string;
  /** Rows that belong to the dataset at all. */
  where?: string;
  joins: Record<string, string>;
  categories: Record<CategoryOf<D>, CategorySql>;
  numbers: Record<NumberOf<D>, ValueSql>;
  flags: Record<FlagOf<D>, ValueSql>;
  record: RecordSql;
}

/** A source's table under its alias, its rows dated by `dated` (when they were created, unless said). */
const rowsOf = (table: string, alias: string, dated = 'created_at') => ({ from: `${table} AS ${alias}`, alias, time: `${alias}.${dated}` });

const on = (alias: string, column: string, table: string, as: string, id = 'id') =>
  `LEFT JOIN ${table} ${as} ON ${as}.org_id = ${alias}.org_id AND ${as}.${id} = ${alias}.${column}`;

// users is global: a membership-scoped RLS policy decides which names are visible.
const userName = (as: string, column: string) => `LEFT JOIN users ${as} ON ${as}.id = ${column}`;

/** A clock's outcome now: past its deadline counts as breached before its workflow records it. */
export const SLA_OUTCOME = `(CASE
  WHEN c.state = 'cancelled' THEN 'cancelled'
  WHEN c.breached_at IS NOT NULL OR (c.state IN ('running', 'paused') AND c.due_at <= now()) THEN 'breached'
  WHEN c.state = 'met' THEN 'met'
  ELSE 'open' END)`;

/** Business seconds a met clock of the ticket spent, as its clock workflow recorded them. */
const metClock = (kind: string, as: string, latest: boolean) => `LEFT JOIN LATERAL (
  SELECT (mc.clock->>'spentMs')::float8 / 1000 AS seconds FROM sla_clocks mc
  WHERE mc.org_id = t.org_id AND mc.ticket_number = t.number AND mc.kind = '${kind}' AND mc.state = 'met'
  ORDER BY mc.cycle ${latest ? 'DESC' : 'ASC'} LIMIT 1) ${as} ON true`;

/** The ticket's age band now, from the domain's constant bands. */
const AGE_BAND = `(CASE ${AGE_BANDS.map(({ label, underDays }) => (underDays === null ? `ELSE '${label}'` : `WHEN now() - t.created_at < interval '${underDays} days' THEN '${label}'`)).join(' ')} END)`;

const tickets: Source<'tickets'> = {
  ...rowsOf('tickets', 't'),
  joins: {
    team: on('t', 'team_id', 'teams', 'tm'),
    assignee: userName('au', 't.assignee_id'),
    requester: on('t', 'requester_id', 'contacts', 'rq'),
    company: on('rq', 'company_id', 'companies', 'co'),
    // Untagged tickets keep one row, with no tag.
    tag: 'LEFT JOIN LATERAL unnest(t.tags) AS tg(tag) ON true',
    first_response: metClock('first_response', 'fr', false),
    resolution: metClock('resolution', 'rs', true),
  },
  categories: {
    team: { key: 't.team_id', label: 'tm.name', joins: ['team'] },
    assignee: { key: 't.assignee_id', label: 'au.name', joins: ['assignee'] },
    channel: { key: 't.channel' },
    priority: { key: 't.priority' },
    status: { key: 't.status' },
    tag: { key: 'tg.tag', joins: ['tag'], array: 't.tags' },
    company: { key: 'rq.company_id', label: 'co.name', joins: ['requester', 'company'] },
    age: { key: AGE_BAND },
  },
  numbers: {
    first_response_seconds: { sql: 'fr.seconds', joins: ['first_response'] },
    // The latest resolution cycle's: a reopened ticket's clock starts again.
    resolution_seconds: { sql: 'rs.seconds', joins: ['resolution'] },
    resolution_calendar_seconds: { sql: `(CASE WHEN t.status IN ('solved', 'closed') THEN extract(epoch FROM t.solved_at - t.created_at)::float8 END)` },
  },
  flags: {
    solved: { sql: `t.status IN ('solved', 'closed')` },
    reopened: { sql: `EXISTS (SELECT 1 FROM ticket_events re WHERE re.org_id = t.org_id AND re.ticket_number = t.number AND re.type = 'status_changed' AND re.data->>'from' = 'solved')` },
    sla_breached: { sql: `EXISTS (SELECT 1 FROM sla_clocks c WHERE c.org_id = t.org_id AND c.ticket_number = t.number AND ${SLA_OUTCOME} = 'breached')` },
  },
  record: { ...TICKET_RECORD, joins: [] },
};

/** For the sources whose rows belong to a ticket (`ticket_number`): the ticket, and its team. */
const ofTicket = (alias: string) => ({
  ticket: `JOIN tickets t ON t.org_id = ${alias}.org_id AND t.number = ${alias}.ticket_number`,
  team: on('t', 'team_id', 'teams', 'tm'),
});
const ticketTeam: CategorySql = { key: 't.team_id', label: 'tm.name', joins: ['ticket', 'team'] };
const ticketPriority: CategorySql = { key: 't.priority', joins: ['ticket'] };
const ticketChannel: CategorySql = { key: 't.channel', joins: ['ticket'] };

const ticketEvents: Source<'ticket_events'> = {
  ...rowsOf('ticket_events', 'e'),
  joins: { ...ofTicket('e'), actor: userName('ac', 'e.actor_id') },
  categories: {
    type: { key: 'e.type' },
    to_status: { key: `(CASE WHEN e.type = 'status_changed' THEN e.data->>'to' END)` },
    actor: { key: 'e.actor_id', label: 'ac.name', joins: ['actor'] },
    team: ticketTeam,
    priority: ticketPriority,
    channel: ticketChannel,
  },
  numbers: {},
  flags: {},
  record: { ...TICKET_RECORD, joins: ['ticket'] },
};

const slaClocks: Source<'sla_clocks'> = {
  ...rowsOf('sla_clocks', 'c', 'started_at'),
  joins: {
    ...ofTicket('c'),
    policy: on('c', 'policy_id', 'sla_policies', 'p'),
  },
  categories: {
    target: { key: 'c.kind' },
    outcome: { key: SLA_OUTCOME },
    policy: { key: 'c.policy_id', label: 'p.name', joins: ['policy'] },
    team: ticketTeam,
    priority: ticketPriority,
    channel: ticketChannel,
  },
  numbers: {
    // Recorded business time; a running clock's grows between writes, so it has none here.
    business_seconds: { sql: `(CASE WHEN c.state <> 'running' THEN (c.clock->>'spentMs')::float8 / 1000 END)` },
    target_seconds: { sql: `(c.clock->>'targetMs')::float8 / 1000` },
  },
  flags: {
    within_target: { sql: `(CASE ${SLA_OUTCOME} WHEN 'met' THEN true WHEN 'breached' THEN false END)` },
    breached: { sql: `(CASE WHEN c.state <> 'cancelled' THEN ${SLA_OUTCOME} = 'breached' END)` },
  },
  record: { ...TICKET_RECORD, joins: ['ticket'] },
};

const workOrderJoins = {
  technician: on('w', 'technician_id', 'technicians', 'tc'),
  technician_user: userName('tu', 'tc.user_id'),
  asset: on('w', 'asset_id', 'assets', 'a'),
  company: on('a', 'company_id', 'companies', 'co'),
};
const technician: CategorySql = { key: 'w.technician_id', label: 'tu.name', joins: ['technician', 'technician_user'] };
const assetCompany: CategorySql = { key: 'a.company_id', label: 'co.name', joins: ['asset', 'company'] };

const ratings: Source<'ratings'> = {
  ...rowsOf('work_order_reports', 'r'),
  where: 'r.rating IS NOT NULL',
  joins: { work_order: 'JOIN work_orders w ON w.org_id = r.org_id AND w.number = r.work_order_number', ...workOrderJoins },
  categories: {
    rating: { key: 'r.rating::text' },
    technician: { ...technician, joins: ['work_order', ...technician.joins!] },
    company: { ...assetCompany, joins: ['work_order', ...assetCompany.joins!] },
    priority: { key: 'w.priority', joins: ['work_order'] },
  },
  numbers: { rating: { sql: 'r.rating::float8' } },
  flags: { satisfied: { sql: 'r.rating >= 4' } },
  record: { ...WORK_ORDER_RECORD, joins: ['work_order'] },
};

const workOrders: Source<'work_orders'> = {
  ...rowsOf('work_orders', 'w'),
  joins: workOrderJoins,
  categories: {
    status: { key: 'w.status' },
    priority: { key: 'w.priority' },
    source: { key: 'w.source' },
    technician,
    company: assetCompany,
  },
  numbers: {
    on_site_seconds: { sql: 'w.time_on_site_seconds::float8' },
    completion_seconds: { sql: 'extract(epoch FROM w.completed_at - w.created_at)::float8' },
  },
  flags: {
    completed: { sql: `w.status IN ('completed', 'signed_off')` },
    on_time_arrival: { sql: '(CASE WHEN w.arrived_at IS NOT NULL AND w.window_end IS NOT NULL THEN w.arrived_at <= w.window_end END)' },
    first_time_fix: { sql: `(CASE WHEN w.status IN ('completed', 'signed_off') THEN NOT EXISTS (
      SELECT 1 FROM work_orders rv WHERE rv.org_id = w.org_id AND rv.number <> w.number AND rv.created_at > w.created_at
        AND rv.created_at <= coalesce(w.completed_at, w.updated_at) + interval '${REVISIT_DAYS} days'
        AND (rv.ticket_number = w.ticket_number OR rv.asset_id = w.asset_id)) END)` },
  },
  record: { ...WORK_ORDER_RECORD, joins: [] },
};

const ruleFirings: Source<'rule_firings'> = {
  ...rowsOf('rule_firings', 'f'),
  joins: {
    ...ofTicket('f'),
    rule: on('f', 'rule_id', 'rules', 'ru'),
    // The rule's name now (its current version), so a renamed rule stays one row.
    rule_version: 'LEFT JOIN rule_versions rv ON rv.org_id = ru.org_id AND rv.rule_id = ru.id AND rv.version = ru.current_version',
  },
  categories: {
    rule: { key: 'f.rule_id', label: `(rv.definition->>'name')`, joins: ['rule', 'rule_version'] },
    event_type: { key: 'f.event_type' },
    priority: ticketPriority,
    team: ticketTeam,
  },
  numbers: {},
  flags: {},
  record: { ...TICKET_RECORD, joins: ['ticket'] },
};

export const SOURCES: { [D in DatasetId]: Source<D> } = {
  tickets,
  ticket_events: ticketEvents,
  sla_clocks: slaClocks,
  ratings,
  work_orders: workOrders,
  rule_firings: ruleFirings,
};
