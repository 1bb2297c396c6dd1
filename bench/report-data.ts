import type { Db } from '../db/connection';

/**
 * One org's year of helpdesk data, generated inside Postgres (`generate_series`) as the
 * activities would leave the read model: `tickets` tickets over 365 days on `companies`
 * companies (one contact each), 5 teams, 20 agents, four tags; ten timeline events and one
 * first-response clock (met, 60 % within an hour) per ticket. Returns how long each part took.
 */
export async function generateReportData(owner: Db, input: { orgId: string; agentIds: string[]; tickets: number; companies: number; eventsPerTicket: number }) {
  const { orgId, tickets, companies, eventsPerTicket } = input;
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string, bindings: Record<string, unknown>) => {
    const started = performance.now();
    await owner.raw(sql, { orgId, ...bindings });
    timings[name] = Math.round(performance.now() - started);
  };
  const end = '2026-12-01T00:00:00Z';
  await step('teams', `INSERT INTO teams (org_id, id, name) SELECT :orgId, gen_random_uuid(), 'Team ' || i FROM generate_series(1, 5) i`, {});
  await step('companies', `INSERT INTO companies (org_id, id, name) SELECT :orgId, gen_random_uuid(), 'Company ' || i FROM generate_series(1, :companies::int) i`, { companies });
  await step('contacts', `INSERT INTO contacts (org_id, id, email, company_id)
    SELECT :orgId, gen_random_uuid(), 'c' || row_number() OVER () || '@bench.example', id FROM companies WHERE org_id = :orgId`, {});
  await step('tickets', `
    WITH c AS (SELECT array_agg(id) AS ids FROM contacts WHERE org_id = :orgId),
         tm AS (SELECT array_agg(id) AS ids FROM teams WHERE org_id = :orgId),
         ag AS (SELECT :agents::uuid[] AS ids)
    INSERT INTO tickets (org_id, number, subject, description, status, priority, channel, requester_id, assignee_id, team_id, tags, created_at, updated_at, solved_at)
    SELECT :orgId, n, 'Ticket ' || n, '',
      (ARRAY['new','open','pending','on_hold','solved','closed'])[1 + (n * 7) % 6],
      (ARRAY['low','normal','normal','high','urgent'])[1 + (n * 3) % 5],
      (ARRAY['web','email','email','portal','chat','api','phone'])[1 + (n * 11) % 7],
      c.ids[1 + (n * 7919) % array_length(c.ids, 1)],
      CASE WHEN n % 10 = 0 THEN NULL ELSE ag.ids[1 + (n * 13) % array_length(ag.ids, 1)] END,
      CASE WHEN n % 7 = 0 THEN NULL ELSE tm.ids[1 + n % 5] END,
      CASE (n * 17) % 5 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['billing'] WHEN 2 THEN ARRAY['bug'] WHEN 3 THEN ARRAY['billing', 'vip'] ELSE ARRAY['outage'] END,
      created, created + interval '1 hour',
      CASE WHEN (n * 7) % 6 IN (4, 5) THEN created + ((n % 72) || ' hours')::interval END
    FROM generate_series(1, :tickets::int) n, c, tm, ag,
      LATERAL (SELECT :end::timestamptz - ((n::float8 / :tickets::int) * 365 * 86400 || ' seconds')::interval AS created) t`,
  { tickets, agents: input.agentIds, end });
  await step('ticketEvents', `
    INSERT INTO ticket_events (org_id, ticket_number, seq, type, actor_id, data, created_at)
    SELECT t.org_id, t.number, s, (ARRAY['created','replied','customer_replied','status_changed','assigned','tags_changed','replied','customer_replied','priority_changed','replied'])[1 + (s - 1) % 10],
      CASE WHEN s = 1 THEN NULL ELSE t.assignee_id END, '{}', t.created_at + (s || ' minutes')::interval
    FROM tickets t, generate_series(1, :events::int) s WHERE t.org_id = :orgId`, { events: eventsPerTicket });
  await step('slaClocks', `
    INSERT INTO sla_clocks (org_id, ticket_number, kind, cycle, state, clock, started_at, due_at, breached_at, version)
    SELECT t.org_id, t.number, 'first_response', 0, 'met',
      jsonb_build_object('kind', 'first_response', 'targetMs', 3600000, 'spentMs', spent, 'state', 'met'),
      t.created_at, t.created_at + interval '1 hour',
      CASE WHEN spent > 3600000 THEN t.created_at + interval '1 hour' END, 1
    FROM tickets t, LATERAL (SELECT ((t.number * 104729) % 6000) * 1000 AS spent) s WHERE t.org_id = :orgId`, {});
  await step('analyze', 'ANALYZE tickets, ticket_events, sla_clocks, contacts, companies, teams', {});
  return timings;
}
