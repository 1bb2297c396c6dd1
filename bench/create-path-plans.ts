/**
 * `npx tsx bench/create-path-plans.ts [--tickets N]`
 *
 * The query plans of one ticket's commands on a database that already holds N tickets (10,000
 * by default, seeded straight into the tables in seconds): the API's session check and number
 * claim, the creation write (contact, row, timeline, audit, SLA policy, read-back), the clock's
 * first write, a reply and a status change. Postgres's `auto_explain` logs every statement with
 * `EXPLAIN ANALYZE`, nested ones too (foreign-key checks, SQL functions), and this prints each
 * with its plan, so a statement whose cost grows with the table shows as a scan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '../bin/lib/embedded-postgres';
import { freePort } from '../bin/lib/free-port';
import { APP_ROLE, migrate } from '../db/migrate';
import { appRoleUrl, connect } from '../db/connection';
import { withTenant } from '../db/tenant';
import { nextTicketNumber } from '../db/numbers';
import { TICKET_KEYS, claimNumber } from '../api/idempotent-number';
import { claimCommandKey } from '../api/idempotent-command';
import { sessionCheck } from '../api/auth/session-check';
import { createTicketRecordActivities } from '../activities/ticket-records';
import { createSlaActivities } from '../activities/sla-records';
import { ALWAYS_OPEN_UTC } from '../domain/sla/policy';
import { startClock } from '../domain/sla/clock';
import { decide, type TicketCommand, type TicketState } from '../domain/ticket/index';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '10000' } } });
const N = Number(values.tickets);
const PASSWORD = 'keel_app_plans_password';
const ORG = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';

async function main(): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'keel-plans-'));
  await import('node:fs/promises').then((fs) => fs.chmod(scratch, 0o755));
  const log: string[] = [];
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), log: (line) => log.push(line) });
  try {
    await migrate(postgres.url, PASSWORD);
    const owner = new pg.Client({ connectionString: postgres.url });
    await owner.connect();
    await seed(owner);
    // Every statement of every new session, with its plan as executed.
    await owner.query(`ALTER SYSTEM SET session_preload_libraries = 'auto_explain'`);
    for (const [name, value] of [['log_min_duration', '0'], ['log_analyze', 'on'], ['log_buffers', 'on'], ['log_nested_statements', 'on'], ['log_timing', 'on']]) {
      await owner.query(`ALTER SYSTEM SET auto_explain.${name} = ${value}`);
    }
    await owner.query('SELECT pg_reload_conf()');
    await owner.end();

    const db = connect(appRoleUrl(postgres.url, { user: APP_ROLE, password: PASSWORD }), { pool: { min: 0, max: 1 } });
    const records = createTicketRecordActivities(db);
    const sla = createSlaActivities(db);
    const step = async (name: string, work: () => Promise<unknown>) => {
      await db.raw('SELECT 1'); // the session (and auto_explain) is up before the mark
      const from = log.length;
      await work();
      await new Promise((resolve) => setTimeout(resolve, 300));
      printStep(name, log.slice(from));
    };
    const number = N + 1;
    await step('auth: session check', () => sessionCheck(db)(ORG, '00000000-0000-4000-8000-000000000003'));
    await step('POST /tickets: number claim (with Idempotency-Key)', () =>
      withTenant(db, { orgId: ORG, userId: USER }, (trx) => claimNumber(trx, ORG, TICKET_KEYS, { key: 'plans-1', body: {} }, () => nextTicketNumber(trx, ORG))));
    const ticket = {
      orgId: ORG, number, subject: 'Plans', description: 'Plans', priority: 'normal' as const, channel: 'api' as const, tags: ['bench-due'], fields: {},
      requester: { email: 'customer-7@example.com', name: null }, actorId: USER,
    };
    await step('createTicketRecord (with resolveSla)', () => records.createTicketRecord({ ticket, occurredAt: new Date().toISOString(), resolveSla: true }));
    const state: TicketState = { orgId: ORG, number, subject: 'Plans', status: 'new', priority: 'normal', channel: 'api', tags: ['bench-due'], assigneeId: null, teamId: null, fields: {}, version: 1 };
    const clock = startClock({ kind: 'first_response', targetMs: 600_000, warnAt: 0.9, calendar: ALWAYS_OPEN_UTC, at: Date.now(), paused: false });
    await step('clock: recordTicketSlaClocks (first write)', () =>
      sla.recordTicketSlaClocks({ orgId: ORG, ticketNumber: number, version: 1, events: [], targets: [{ cycle: 1, policyId: '00000000-0000-4000-8000-000000000009', clock }] }));
    await step('POST /tickets/:n/replies: command key claim', () =>
      withTenant(db, { orgId: ORG, userId: USER }, (trx) => claimCommandKey(trx, ORG, { target: `ticket/${number}/reply`, key: 'plans-2', body: {} })));
    let current = state;
    for (const command of [
      { kind: 'reply', actorId: USER, body: 'On it.', visibility: 'public' },
      { kind: 'setStatus', actorId: USER, status: 'solved' },
    ] as TicketCommand[]) {
      const result = decide(current, command);
      if (!result.ok) throw new Error(result.rejection.message);
      const { events, state: next } = result.decision;
      await step(`recordTicketChange (${command.kind})`, () =>
        records.recordTicketChange({ orgId: ORG, number, seq: next.version, actorId: USER, events, state: next, occurredAt: new Date().toISOString() }));
      current = next;
    }
    await db.destroy();
  } finally {
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** N tickets as a busy org has them: 50 contacts, four timeline entries, audit lines and two clocks each, keys for both. */
async function seed(owner: pg.Client): Promise<void> {
  await owner.query(`
    INSERT INTO organizations (id, name, slug) VALUES ('${ORG}', 'Plans', 'plans');
    INSERT INTO users (id, email, name) VALUES ('${USER}', 'agent@example.com', 'Agent');
    INSERT INTO memberships (org_id, user_id, role) VALUES ('${ORG}', '${USER}', 'owner');
    INSERT INTO ticket_counters (org_id, last_number) VALUES ('${ORG}', ${N});
    INSERT INTO contacts (org_id, id, email) SELECT '${ORG}', gen_random_uuid(), 'customer-' || i || '@example.com' FROM generate_series(0, 49) i;
    INSERT INTO tickets (org_id, number, subject, description, status, priority, channel, requester_id, tags, version, created_at, updated_at)
      SELECT '${ORG}', i, 'Ticket ' || i, 'Benchmark load', CASE WHEN i % 3 = 0 THEN 'solved' ELSE 'open' END, 'normal', 'api',
        (SELECT id FROM contacts WHERE email = 'customer-' || (i % 50) || '@example.com'), CASE WHEN i % 10 = 0 THEN '{bench-due}'::text[] ELSE '{}' END, 4, now(), now()
      FROM generate_series(1, ${N}) i;
    INSERT INTO ticket_events (org_id, ticket_number, seq, part, type, actor_id, data, created_at)
      SELECT '${ORG}', i, s, 0, 'replied', '${USER}', '{"body":"On it."}', now() FROM generate_series(1, ${N}) i, generate_series(1, 4) s;
    INSERT INTO audit_log (org_id, actor_id, action, entity_type, entity_id)
      SELECT '${ORG}', '${USER}', 'ticket.replied', 'ticket', i::text FROM generate_series(1, ${N}) i, generate_series(1, 4) s;
    INSERT INTO idempotency_keys (org_id, key, request_hash, ticket_number) SELECT '${ORG}', 'k-' || i, 'h', i FROM generate_series(1, ${N}) i;
    INSERT INTO command_requests (org_id, target, key, request_hash) SELECT '${ORG}', 'ticket/' || i || '/reply', 'k', 'h' FROM generate_series(1, ${N}) i;
    INSERT INTO sla_policies (org_id, id, name, position, conditions, targets, hours, pause_statuses, warn_at) VALUES
      ('${ORG}', gen_random_uuid(), 'due', 0, '{"tags":["bench-due"]}', '{"normal":{"first_response":600,"resolution":630}}', 'calendar', '{pending,on_hold}', 0.9),
      ('${ORG}', gen_random_uuid(), 'running', 1, '{}', '{"normal":{"first_response":604800,"resolution":604830}}', 'calendar', '{pending,on_hold}', 0.9);
    INSERT INTO sla_clocks (org_id, ticket_number, kind, cycle, state, clock, started_at, due_at, version)
      SELECT '${ORG}', i, k, 1, 'running', '{}', now(), now() + interval '7 days', 1 FROM generate_series(1, ${N}) i, unnest('{first_response,resolution}'::text[]) k;
    ANALYZE;
  `);
}

/** One step's statements: auto_explain's "duration … plan:" blocks, trimmed to the statement and its plan. */
function printStep(name: string, lines: string[]): void {
  console.log(`\n=== ${name}`);
  const text = lines.join('\n');
  for (const block of text.split(/\n?[^\n]*LOG:\s+duration: /).slice(1)) {
    console.log(`--- ${block.trim().split('\n').filter((line) => !/^\s*$/.test(line)).map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, '')).join('\n')}`);
  }
}

await main();
