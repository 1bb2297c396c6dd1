#!/usr/bin/env -S npx tsx
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { invitationMailer, invitationOutbox } from '../api/invitations/mailer';
import { systemMailer } from '../outbound/system-mail';
import { parseArgs } from 'node:util';
import { migrate } from '../db/migrate';
import { PROJECT_ROOT, loadEnv, mailKey, type KeelEnv } from './lib/config';
import { WEB_ROOT, ensureConsoleBuilt } from './lib/console-build';
import { DEMO_LOGINS, DEMO_PASSWORD, describeDemo, seedDemo } from './lib/demo-seed';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { startStack } from './lib/stack';
import { servePreflight } from './lib/serve-preflight';
import { stackOptionsFrom } from './lib/stack-options';
import { findTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer } from './lib/temporal-dev-server';
import { SOLVE_USAGE, runSolveCommand } from './lib/solve-command';
import { AI_USAGE, runAiCommand } from './lib/ai-eval';
import { parseQueueRoles } from '../workers/pools';
import { QUEUE_ROLES, taskQueueFor, type QueueRole } from '../workflows/task-queues';

const USAGE = `Usage: keel <command>

  start [--demo]   everything on one machine: Postgres and Temporal (embedded unless
                   DATABASE_URL / TEMPORAL_ADDRESS are set), migrations, worker, API, console
  api              the API only (needs DATABASE_URL and TEMPORAL_ADDRESS)
  worker [--queues core,sla,optimizer,email]
                   a worker only (needs DATABASE_URL and TEMPORAL_ADDRESS), polling the
                   task queues of the roles named (default: all of them)
  migrate          run database migrations (needs DATABASE_URL)
${SOLVE_USAGE}
${AI_USAGE}`;

type Stop = () => Promise<void>;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'solve') return runSolveCommand(rest);
  if (command === 'ai') return runAiCommand(rest);
  const env = loadEnv();
  switch (command) {
    case 'start':
      return start(env, rest.includes('--demo'));
    case 'api':
      return serveOne(env, 'api', undefined);
    case 'worker':
      return serveOne(env, 'worker', queuesOption(rest));
    case 'migrate':
      await migrate(required(env.DATABASE_URL, 'DATABASE_URL'), env.KEEL_APP_DB_PASSWORD, { sealingKey: mailKey(env) });
      console.log('Migrations are up to date.');
      return;
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

async function start(env: KeelEnv, demo: boolean): Promise<void> {
  const stops: Stop[] = [];
  installShutdown(stops);
  const say = (line: string) => console.log(`keel: ${line}`);

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded Postgres (data in ${path.join(env.KEEL_DATA_DIR, 'pg')})…`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(env.KEEL_DATA_DIR, 'pg'), port: env.EMBEDDED_PG_PORT });
    stops.unshift(pg.stop);
    databaseUrl = pg.url;
  }

  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUi = env.TEMPORAL_UI_URL ?? null;
  if (!temporalAddress) {
    const cli = await findTemporalCli(PROJECT_ROOT, say);
    say('starting the Temporal dev server…');
    const temporal = await startTemporalDevServer({
      cli,
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      dbFilename: path.join(env.KEEL_DATA_DIR, 'temporal.db'),
    });
    stops.unshift(temporal.stop);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const webRoot = ensureConsoleBuilt(say);
  const options = stackOptionsFrom(env);
  // The demo seed accepts its members' invitations itself; they are still logged or mailed.
  const outbox = demo
    ? invitationOutbox(invitationMailer(systemMailer({ smtpUrl: env.KEEL_NOTIFY_SMTP_URL, from: env.KEEL_ACCOUNT_MAIL_FROM, logger: options.logger ?? pino() })))
    : null;
  const stack = await startStack({
    ...options,
    ...(outbox && { invitationMailer: outbox.mailer }),
    ownerDatabaseUrl: databaseUrl,
    temporalAddress,
    webRoot,
    temporalUiUrl: temporalUi,
    api: true,
    worker: true,
  });
  stops.unshift(stack.stop);

  const publicUrl = `http://localhost:${env.PORT}`;
  console.log(`
  Keel is running.
    Console      ${publicUrl}/
    API docs     ${publicUrl}/api/docs
    Temporal UI  ${temporalUi ?? '(external Temporal: see your cluster)'}
    Inbound SMTP ${stack.smtpPort !== null ? `${env.HOST}:${stack.smtpPort}` : 'off'}
  Press Ctrl-C to stop.`);

  if (demo) {
    const seed = await seedDemo(stack.url, stack.db, (email) => outbox?.tokenFor(email) ?? null, (line) => say(`demo seed ${line}`), { tickets: env.KEEL_DEMO_TICKETS });
    if (seed.outcome === 'seeded') {
      console.log(`\n  Demo organization created in ${seed.seconds.toFixed(1)} s:`);
      for (const line of describeDemo(seed)) console.log(`    ${line}`);
    } else {
      console.log('\n  Demo organization already there.');
    }
    console.log(`  Log in at ${publicUrl}/ as (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) console.log(`    ${login.role.padEnd(10)} ${login.email}`);
    console.log(`  Technicians use the field app at ${publicUrl}/tech (e.g. ${DEMO_LOGINS.find((login) => login.role === 'technician')?.email}).`);
  }
}

/** `--queues a,b` or `--queues=a,b`; all roles when absent. */
function queuesOption(args: string[]): QueueRole[] {
  const { values } = parseArgs({ args, options: { queues: { type: 'string' } } });
  return values.queues === undefined ? [...QUEUE_ROLES] : parseQueueRoles(values.queues);
}

async function serveOne(env: KeelEnv, role: 'api' | 'worker', queues: QueueRole[] | undefined): Promise<void> {
  const problems = servePreflight(env);
  if (problems.length > 0) throw new Error(`cannot start the ${role}:\n  - ${problems.join('\n  - ')}`);
  const stops: Stop[] = [];
  installShutdown(stops);
  const webRoot = WEB_ROOT;
  const stack = await startStack({
    ...stackOptionsFrom(env),
    ownerDatabaseUrl: required(env.DATABASE_URL, 'DATABASE_URL'),
    temporalAddress: required(env.TEMPORAL_ADDRESS, 'TEMPORAL_ADDRESS'),
    webRoot: existsSync(path.join(webRoot, 'index.html')) ? webRoot : null,
    temporalUiUrl: env.TEMPORAL_UI_URL ?? null,
    api: role === 'api',
    worker: role === 'worker',
    ...(queues && { queues }),
    ...(env.KEEL_WORKFLOW_BUNDLE && { workflowBundle: { code: readFileSync(env.KEEL_WORKFLOW_BUNDLE, 'utf8') } }),
    ...(env.KEEL_SLA_WORKFLOW_BUNDLE && { slaWorkflowBundle: { code: readFileSync(env.KEEL_SLA_WORKFLOW_BUNDLE, 'utf8') } }),
  });
  stops.unshift(stack.stop);
  const polled = (queues ?? []).map((queue) => `"${taskQueueFor(env.KEEL_TASK_QUEUE, queue)}" (${queue})`).join(', ');
  console.log(role === 'api' ? `keel api listening on ${stack.url}` : `keel worker polling task queues ${polled}`);
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The signal listeners this process had before Keel started anything: tsx's own, when it runs
 * under `npm start` (its parent process waits for the child to report a signal and kills it
 * with SIGKILL when no report comes, which left Postgres and Temporal running).
 */
const LISTENERS_AT_START = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));

/** Ctrl-C (or SIGTERM) stops everything this process started, newest first, then exits. */
function installShutdown(stops: Stop[]): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nkeel: ${signal}, stopping…`);
    for (const stop of stops) await stop().catch((error) => console.error('keel: while stopping:', error));
    process.exit(0);
  };
  // Libraries' own listeners (exit hooks that exit at the first signal, before the worker and
  // API have drained) come off; this process owns the order of shutdown. The listeners it
  // started with stay.
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!LISTENERS_AT_START.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
    process.on(signal, () => void shutdown(signal));
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} must be set for this command.`);
  return value;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`keel: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
