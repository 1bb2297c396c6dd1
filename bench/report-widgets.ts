/**
 * Dashboard-like widgets: each a metric query and the same numbers as a straightforward
 * GROUP BY over the raw tables (the baseline the benchmark times next to it).
 */
const zone = 'Europe/Paris';
const lastMonth = { from: '2026-11-01', to: '2026-12-01', timeZone: zone };
const lastQuarter = { from: '2026-09-01', to: '2026-12-01', timeZone: zone };
const lastYear = { from: '2025-12-01', to: '2026-12-01', timeZone: zone };
const range = (r: { from: string; to: string }) => ({ from: r.from, to: r.to });
// Local midnights in the widget's zone, as the metric layer takes a date-only range.
const inRange = (column: string) => `${column} >= ((:from)::timestamp AT TIME ZONE '${zone}') AND ${column} < ((:to)::timestamp AT TIME ZONE '${zone}')`;

export const REPORT_WIDGETS = [
  {
    name: 'tickets created per day (30 days)',
    query: { dataset: 'tickets', measures: ['count'], dimensions: ['day'], ...lastMonth },
    baseline: `SELECT to_char(date_trunc('day', created_at AT TIME ZONE '${zone}'), 'YYYY-MM-DD') AS day, count(*)::int
      FROM tickets WHERE ${inRange('created_at')} GROUP BY 1 ORDER BY 1`,
    bindings: range(lastMonth),
  },
  {
    name: 'tickets by status and priority (year)',
    query: { dataset: 'tickets', measures: ['count'], dimensions: ['status', 'priority'], ...lastYear },
    baseline: `SELECT status, priority, count(*)::int FROM tickets WHERE ${inRange('created_at')} GROUP BY 1, 2 ORDER BY 1, 2`,
    bindings: range(lastYear),
  },
  {
    name: 'first response median and p90 by team (quarter)',
    query: { dataset: 'tickets', measures: ['median:first_response_seconds', 'p90:first_response_seconds'], dimensions: ['team'], ...lastQuarter },
    baseline: `SELECT tm.name, percentile_cont(0.5) WITHIN GROUP (ORDER BY (c.clock->>'spentMs')::float8 / 1000) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY (c.clock->>'spentMs')::float8 / 1000) AS p90
      FROM tickets t LEFT JOIN sla_clocks c ON c.org_id = t.org_id AND c.ticket_number = t.number AND c.kind = 'first_response' AND c.state = 'met'
      LEFT JOIN teams tm ON tm.org_id = t.org_id AND tm.id = t.team_id
      WHERE ${inRange('t.created_at')} GROUP BY t.team_id, tm.name ORDER BY tm.name NULLS LAST, t.team_id`,
    bindings: range(lastQuarter),
  },
  {
    name: 'SLA compliance per week (quarter)',
    query: { dataset: 'sla_clocks', measures: ['count', 'rate:within_target'], dimensions: ['week'], ...lastQuarter },
    baseline: `SELECT to_char(date_trunc('week', started_at AT TIME ZONE '${zone}'), 'YYYY-MM-DD') AS week, count(*)::int AS count,
        (count(*) FILTER (WHERE state = 'met' AND breached_at IS NULL))::float8 / nullif(count(*) FILTER (WHERE state <> 'cancelled'), 0) AS compliance
      FROM sla_clocks WHERE ${inRange('started_at')} GROUP BY 1 ORDER BY 1`,
    bindings: range(lastQuarter),
  },
  {
    name: 'timeline events per week and type (quarter)',
    query: { dataset: 'ticket_events', measures: ['count'], dimensions: ['week', 'type'], ...lastQuarter },
    baseline: `SELECT to_char(date_trunc('week', created_at AT TIME ZONE '${zone}'), 'YYYY-MM-DD'), type, count(*)::int
      FROM ticket_events WHERE ${inRange('created_at')} GROUP BY 1, 2 ORDER BY 1, 2`,
    bindings: range(lastQuarter),
  },
  {
    name: 'tickets per tag (year)',
    query: { dataset: 'tickets', measures: ['count'], dimensions: ['tag'], ...lastYear },
    baseline: `SELECT tag, count(*)::int FROM tickets LEFT JOIN LATERAL unnest(tags) AS tg(tag) ON true
      WHERE ${inRange('created_at')} GROUP BY 1 ORDER BY 1 NULLS LAST`,
    bindings: range(lastYear),
  },
];
