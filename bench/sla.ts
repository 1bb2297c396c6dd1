/**
 * `npm run bench:sla [-- --tickets N --due D --concurrency C --target-seconds S --cache all|sdk|N --workers W --threads lean|sdk --profile DIR --json PATH]`
 *
 * Opens N tickets through the API, each with two running SLA targets, on W `keel worker`
 * processes (one by default), each in its own process (so its memory is its own). The last D tickets opened fall due during the
 * run, once all N are open; the others' clocks keep running (a week-long target), as most of a
 * helpdesk's clocks do. It measures how late each due clock's breach was written after its
 * deadline, while all 2N clocks are live. In the same run, on the same Temporal server: 2D bare
 * timer workflows to the same kind of deadlines, and how late they fire. `--due N` makes every
 * clock fall due within minutes: a burst test of how fast one worker drains SLA events.
 * Timing is reported, never asserted; correctness (every due clock breached exactly once, on
 * the ticket's timeline too) is checked and fails the run. `--profile DIR` writes CPU
 * profiles of the worker's threads (open them in Chrome DevTools).
 *
 * Each `keel worker` process runs the `core` queue (tickets) and the `sla` queue (one clock
 * workflow per ticket, from its own bundle); tickets opened before `patched('sla-ticket-clock')`
 * ran one clock child per target on `core`. Memory is the sum over the worker processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import pino from 'pino';
import { PROJECT_ROOT } from '../bin/lib/config';
import { startEphemeralServices } from '../bin/lib/ephemeral-services';
import { startStack } from '../bin/lib/stack';
import { accountStackOptions } from '../test/helpers/account-mail';
import { untilWorkerPolls } from '../test/helpers/worker-polling';
import { signUpBenchOrg } from './bench-api';
import { stopChild } from '../bin/lib/temporal-dev-server';
import { EncryptionCodec } from '../workers/payload-codec';
import { measure, summarise, type Summary } from './latency';
import { processMemory } from './process-memory';
import { timerBaselineWorkflow, type TimerActivities } from './timer-baseline-workflow';
import { writeBenchReport } from './bench-report';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000' },
    /** How many of them (the last opened) fall due during the run; 1,000 by default. */
    due: { type: 'string' },
    concurrency: { type: 'string', default: '20' },
    'target-seconds': { type: 'string' },
    /** The bare timers' target; they start far faster than tickets open, so it can be shorter. */
    'baseline-target-seconds': { type: 'string' },
    json: { type: 'string' },
    /** Write V8 CPU profiles of the worker process (all its threads) into this folder. */
    profile: { type: 'string' },
    /**
     * The worker's workflow cache: `all` (every ticket and clock stays in memory, the default),
     * `sdk` (the SDK's heap-based default, about 2,300: past it, each wake-up replays history)
     * or a number.
     */
    cache: { type: 'string', default: 'all' },
    /** How many `keel worker` processes serve the task queues (workflows spread over their caches). */
    workers: { type: 'string', default: '1' },
    /** The workers' workflow threads: Keel's `lean` ones or the SDK's own (`KEEL_WORKFLOW_THREADS`). */
    threads: { type: 'string', default: 'lean' },
  },
});
if (values.threads !== 'lean' && values.threads !== 'sdk') throw new Error(`--threads takes lean or sdk; got "${values.threads}".`);
const N = Number(values.tickets);
const DUE = Math.min(N, values.due ? Number(values.due) : 1000);
const C = Number(values.concurrency);
/**
 * The due tickets open last, and their deadlines land after the last of them is open (at a
 * conservative 2.5 tickets/s: a worker already holding 27,000 workflows opened about 3 on the
 * 2-core machine), so lateness is measured on a worker that only has timers to fire, not
 * tickets to open as well.
 */
const TARGET_S = values['target-seconds'] ? Number(values['target-seconds']) : Math.ceil(DUE / 2.5) + 120;
/** The clocks that stay running: their first timer (the 90 % warning) is days away. */
const LATER_TARGET_S = 7 * 24 * 3600;
const DUE_TAG = 'bench-due';
const BASELINE_TARGET_S = values['baseline-target-seconds'] ? Number(values['baseline-target-seconds']) : Math.ceil((2 * DUE) / 50) + 60;
/**
 * A run is given up only when nothing more was recorded for this long: a backlog that is
 * still draining is a result (how late), not a failure.
 */
const STALL_MS = 300_000;
/** The second clock's deadline is this much later, so the two timers of a ticket do not coincide. */
const RESOLUTION_OFFSET_S = 30;
const WORKERS = Number(values.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error('--workers must be a whole number ≥ 1');
/**
 * Workflows one worker process keeps cached, over its two Temporal workers (the `core` queue's
 * and the `sla` queue's, each given half): `all` is every ticket and its clock workflow (up to
 * three workflows per ticket on tickets from before the per-ticket clock), plus room.
 */
const CACHE = values.cache === 'sdk' ? undefined : values.cache === 'all' ? 3 * N + 100 : Number(values.cache);
/** Each Temporal worker's share of a process's cache (KEEL_MAX_CACHED_WORKFLOWS applies to each). */
const CACHE_PER_QUEUE = CACHE === undefined ? undefined : values.cache === 'all' ? CACHE : Math.ceil(CACHE / 2);
/** Room on the worker's heap for the cache, at a generous 0.5 MiB per workflow. */
const WORKER_HEAP_MIB = CACHE === undefined ? undefined : Math.max(4096, Math.ceil(CACHE / 2) + 2048);
const APP_PASSWORD = 'keel_app_bench_password';
const PAYLOAD_KEY = Buffer.alloc(32, 5);
const TASK_QUEUE = 'bench-sla';

async function main(): Promise<void> {
  const services = await startEphemeralServices(APP_PASSWORD);
  const stack = await startStack({
    ownerDatabaseUrl: services.databaseUrl, appDbPassword: APP_PASSWORD, temporalAddress: services.temporalAddress,
    namespace: 'default', taskQueue: TASK_QUEUE, port: 0,
    jwtSecret: new TextEncoder().encode('bench-secret-bench-secret-bench-secret-00'), payloadKey: PAYLOAD_KEY,
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 },
    // Opening 10,000 tickets outlasts the default 15-minute access token.
    accessTokenTtlSeconds: 24 * 3600,
    webRoot: null, temporalUiUrl: null, migrate: false, api: true, worker: false,
    logger: pino({ level: 'warn' }),
    // Sign-up confirmations go to a loopback SMTP sink the benchmark reads the link from.
    ...(await accountStackOptions()),
  });
  const workers: ChildProcess[] = [];
  const owner = new pg.Client({ connectionString: services.databaseUrl });
  await owner.connect();
  try {
    // Started inside the try, so a worker that fails to start still stops the services.
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(services, i));
    const pids = workers.map((worker) => worker.pid ?? 0);
    const idle = await workersMemory(pids);
    // Print the cause before tearing down: requests still in flight fail noisily after it.
    const keel = await benchKeel(stack.url, owner, pids).catch((error: unknown) => {
      console.error('bench:sla failed:', error);
      throw error;
    });
    for (const worker of workers) await stopChild(worker, 10_000);
    const baseline = await benchBaseline(services.temporalAddress, stack.temporal);
    const report = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      params: { tickets: N, clocks: 2 * N, dueTickets: DUE, dueClocks: 2 * DUE, concurrency: C, targetSeconds: TARGET_S, laterTargetSeconds: LATER_TARGET_S, baselineTargetSeconds: BASELINE_TARGET_S, resolutionOffsetSeconds: RESOLUTION_OFFSET_S, workers: WORKERS, workflowThreads: values.threads, maxCachedWorkflowsPerProcess: CACHE ?? 'sdk default', maxCachedWorkflowsPerQueue: CACHE_PER_QUEUE ?? 'sdk default', workerHeapMiB: WORKER_HEAP_MIB ?? 'node default' },
      open: keel.open,
      workerMemory: {
        idleMiB: idle.rssMiB, ...keel.memory,
        perClockKiB: Math.round(((keel.memory.allRunningMiB - idle.rssMiB) * 1024) / (2 * N) * 10) / 10,
        perTicketKiB: Math.round(((keel.memory.allRunningMiB - idle.rssMiB) * 1024) / N * 10) / 10,
        workflowsOpen: keel.workflowsOpen,
        perWorkflowKiB: Math.round(((keel.memory.allRunningMiB - idle.rssMiB) * 1024) / Math.max(1, keel.workflowsOpen) * 10) / 10,
      },
      slaEvents: keel.slaEvents,
      lateness: { keelRecorded: keel.recorded, keelTimeline: keel.timeline, baselineTimer: baseline.lateness },
      baselineStart: baseline.start,
      ratios: { p50: ratio(keel.recorded.p50, baseline.lateness.p50), p99: ratio(keel.recorded.p99, baseline.lateness.p99) },
    };
    const out = await writeBenchReport('sla', report, values.json);
    printSummary(report);
    console.log(`\nJSON written to ${out}`);
  } finally {
    await owner.end();
    for (const worker of workers) if (worker.exitCode === null) await stopChild(worker, 10_000);
    await stack.stop();
    await services.stop();
  }
}

async function benchKeel(baseUrl: string, owner: pg.Client, workerPids: number[]) {
  const token = await signUp(baseUrl);
  await call(baseUrl, 'POST', '/sla-policies', token, {
    name: 'Bench: due in this run', position: 0, warnAt: 0.9, conditions: { tags: [DUE_TAG] },
    targets: { normal: { first_response: TARGET_S, resolution: TARGET_S + RESOLUTION_OFFSET_S } },
  });
  await call(baseUrl, 'POST', '/sla-policies', token, {
    name: 'Bench: running', position: 1, warnAt: 0.9,
    targets: { normal: { first_response: LATER_TARGET_S, resolution: LATER_TARGET_S + RESOLUTION_OFFSET_S } },
  });
  const peak = { rssMiB: 0 };
  const sampler = setInterval(() => void workersMemory(workerPids).then((m) => { peak.rssMiB = Math.max(peak.rssMiB, m.rssMiB); }), 1000);
  try {
    const open = await measure(N, C, async (i) => {
      // A real client retries a 503 with the same Idempotency-Key; so does the benchmark.
      const due = i >= N - DUE;
      const body = { subject: `SLA bench ${i}`, description: 'Benchmark load', tags: due ? [DUE_TAG] : [], requester: { email: `customer-${i % 50}@example.com` } };
      await retrying(() => call(baseUrl, 'POST', '/tickets', token, body, { 'idempotency-key': `bench-sla-${i}` }));
    });
    const clocks = await waitFor(owner, `SELECT count(*)::int AS n FROM sla_clocks WHERE state = 'running'`, 2 * N, 600_000);
    const allRunning = await workersMemory(workerPids);
    const workflowsOpen = await openWorkflows(owner);
    console.log(`opened ${N} tickets (${open.opsPerSec}/s); ${clocks} clocks running in ${workflowsOpen} workflows; worker RSS ${allRunning.rssMiB} MiB`);

    const lastDeadline = Date.now() + (TARGET_S + RESOLUTION_OFFSET_S) * 1000;
    await waitWhileProgressing(owner, 'SELECT count(*)::int AS n FROM sla_clocks WHERE breached_at IS NOT NULL', 2 * DUE, lastDeadline, 'breaches recorded', workerPids);
    const events = await waitFor(owner, `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'sla_breached'`, 2 * DUE, 120_000);
    if (events !== 2 * DUE) throw new Error(`expected ${2 * DUE} sla_breached timeline events, found ${events}`);
    // The clocks not due in this run must be untouched by the others' breaches.
    const stillRunning = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_clocks WHERE state = 'running' AND breached_at IS NULL`)).rows[0]?.n;
    if (stillRunning !== 2 * (N - DUE)) throw new Error(`expected ${2 * (N - DUE)} clocks still running, found ${stillRunning}`);
    const recorded = await lateness(owner, `SELECT extract(epoch FROM (updated_at - breached_at)) * 1000 AS ms FROM sla_clocks WHERE breached_at IS NOT NULL`);
    const timeline = await lateness(owner, `
      SELECT extract(epoch FROM (e.created_at - (e.data->>'breachedAt')::timestamptz)) * 1000 AS ms
      FROM ticket_events e WHERE e.type = 'sla_breached'`);
    const end = await workersMemory(workerPids);
    const slaEvents = await slaEventRate(owner);
    return { open, recorded, timeline, workflowsOpen, slaEvents, memory: { allRunningMiB: allRunning.rssMiB, peakMiB: Math.max(peak.rssMiB, end.peakMiB), endMiB: end.rssMiB, perProcessEndMiB: end.perProcessMiB } };
  } finally {
    clearInterval(sampler);
  }
}

/** 2D bare timers, started at the same concurrency, each due BASELINE_TARGET_S after its start. */
async function benchBaseline(temporalAddress: string, client: Awaited<ReturnType<typeof startStack>>['temporal']) {
  const fired: number[] = [];
  const activities: TimerActivities = { async timerFired({ deadline }) { fired.push(Date.now() - deadline); } };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: temporalAddress }),
    taskQueue: 'bench-sla-baseline',
    // The same encrypting codec as Keel's worker: the client that starts these encrypts.
    dataConverter: { payloadCodecs: [new EncryptionCodec(PAYLOAD_KEY, 'keel-1')] },
    workflowBundle: await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./timer-baseline-workflow.ts', import.meta.url)), logger: silent }),
    activities,
  });
  const run = worker.run();
  try {
    const start = await measure(2 * DUE, C, async (i) => {
      const offset = i % 2 === 0 ? 0 : RESOLUTION_OFFSET_S;
      await client.workflow.start(timerBaselineWorkflow, { workflowId: `bench-timer-${i}`, taskQueue: 'bench-sla-baseline', args: [Date.now() + (BASELINE_TARGET_S + offset) * 1000] });
    });
    console.log(`started ${2 * DUE} baseline timers (${start.opsPerSec}/s)`);
    const lastDeadline = Date.now() + (BASELINE_TARGET_S + RESOLUTION_OFFSET_S) * 1000;
    let progress = { count: 0, at: Date.now() };
    while (fired.length < 2 * DUE) {
      if (fired.length > progress.count) progress = { count: fired.length, at: Date.now() };
      if (Date.now() > Math.max(lastDeadline, progress.at) + STALL_MS) throw new Error(`only ${fired.length} of ${2 * DUE} baseline timers fired`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return { start, lateness: summarise(fired, 1) };
  } finally {
    worker.shutdown();
    await run;
  }
}

async function lateness(owner: pg.Client, sql: string): Promise<Summary> {
  const rows = (await owner.query<{ ms: string }>(sql)).rows.map((row) => Number(row.ms));
  return summarise(rows, 1);
}

/**
 * Waits until `want` rows are counted. Past `notBefore`, it gives up only once the count has
 * stood still for STALL_MS; it reports progress every half minute.
 */
async function waitWhileProgressing(owner: pg.Client, sql: string, want: number, notBefore: number, what: string, workerPids: number[]): Promise<number> {
  let progress = { count: 0, at: Date.now() };
  let reported = 0;
  for (;;) {
    const n = (await owner.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    if (n >= want) return n;
    if (n > progress.count) progress = { count: n, at: Date.now() };
    if (Date.now() > Math.max(notBefore, progress.at) + STALL_MS) throw new Error(`stalled at ${n} of ${want} ${what}`);
    if (Date.now() - reported >= 30_000) {
      reported = Date.now();
      const { rssMiB } = await workersMemory(workerPids);
      console.log(`${new Date().toISOString()} ${n} of ${want} ${what}; worker RSS ${rssMiB} MiB`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function waitFor(owner: pg.Client, sql: string, want: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = (await owner.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    if (n >= want) return n;
    if (Date.now() > deadline) throw new Error(`timed out at ${n} of ${want}: ${sql}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * The worker processes' memory, summed: RSS now, and the sum of each one's peak (an upper
 * bound of the peak sum, as each process peaks at its own time).
 */
async function workersMemory(pids: number[]): Promise<{ rssMiB: number; peakMiB: number; perProcessMiB: number[] }> {
  const each = await Promise.all(pids.map((pid) => processMemory(pid)));
  return { rssMiB: each.reduce((sum, m) => sum + m.rssMiB, 0), peakMiB: each.reduce((sum, m) => sum + m.peakMiB, 0), perProcessMiB: each.map((m) => m.rssMiB) };
}

/**
 * Workflows live in the workers: every ticket, plus one clock workflow per ticket with an open
 * target (since `sla-ticket-clock`; one per target before).
 */
async function openWorkflows(owner: pg.Client): Promise<number> {
  const { rows } = await owner.query<{ tickets: number }>(`SELECT count(DISTINCT ticket_number)::int AS tickets FROM sla_clocks WHERE state IN ('running', 'paused')`);
  const tickets = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets`)).rows[0]?.n ?? 0;
  return tickets + (rows[0]?.tickets ?? 0);
}

/**
 * SLA events (warnings and breaches) recorded, over the time from the first to the last one
 * recorded, next to the span of their deadlines: when the recording span is no longer than the
 * deadlines' own, the rate measured is how fast they fell due, not what the worker can do.
 */
async function slaEventRate(owner: pg.Client) {
  const { rows } = await owner.query<{ n: number; recorded_s: number | null; due_s: number | null }>(`
    SELECT count(*)::int AS n,
      extract(epoch FROM max(created_at) - min(created_at))::float AS recorded_s,
      extract(epoch FROM max(coalesce((data->>'breachedAt')::timestamptz, created_at)) - min((data->>'breachedAt')::timestamptz))::float AS due_s
    FROM ticket_events WHERE type IN ('sla_warning', 'sla_breached')`);
  const row = rows[0];
  const recordedSeconds = Math.round((row?.recorded_s ?? 0) * 10) / 10;
  return { count: row?.n ?? 0, recordedOverSeconds: recordedSeconds, breachDeadlinesSpanSeconds: Math.round((row?.due_s ?? 0) * 10) / 10, perSecond: recordedSeconds > 0 ? Math.round(((row?.n ?? 0) / recordedSeconds) * 10) / 10 : null };
}

/** A worker under test runs in its own process, as `keel worker` does in production. */
async function startWorkerProcess(services: { databaseUrl: string; temporalAddress: string; workflowBundlePath: string; slaWorkflowBundlePath: string }, index: number): Promise<ChildProcess> {
  const { databaseUrl, temporalAddress, workflowBundlePath: bundlePath } = services;
  const profiling = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile, `worker-${index}`)] : [];
  const heap = WORKER_HEAP_MIB === undefined ? [] : [`--max-old-space-size=${WORKER_HEAP_MIB}`];
  const child = spawn(process.execPath, [...profiling, ...heap, '--import', 'tsx', 'bin/keel.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, KEEL_TASK_QUEUE: TASK_QUEUE,
      KEEL_APP_DB_PASSWORD: APP_PASSWORD, KEEL_WORKFLOW_BUNDLE: bundlePath, KEEL_SLA_WORKFLOW_BUNDLE: services.slaWorkflowBundlePath, JWT_SECRET: 'x'.repeat(32),
      KEEL_PAYLOAD_KEY: PAYLOAD_KEY.toString('base64'), LOG_LEVEL: 'warn',
      ...(CACHE_PER_QUEUE !== undefined && { KEEL_MAX_CACHED_WORKFLOWS: String(CACHE_PER_QUEUE) }),
      KEEL_WORKFLOW_THREADS: values.threads,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await untilWorkerPolls(child, 180_000);
  // Keep draining its output so a chatty worker never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function signUp(baseUrl: string): Promise<string> {
  return signUpBenchOrg((method, route, token, body) => call(baseUrl, method, route, token, body));
}

/**
 * One JSON request to the API. node:http rather than fetch: fetch gives up on a response whose
 * headers take over 5 minutes, and a worker that has fallen behind can take that long to answer
 * a ticket's creation. The run should record that, not die of it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from our own API
async function call(baseUrl: string, method: string, route: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(`${baseUrl}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
  const json = text ? JSON.parse(text) : null;
  if (status < 200 || status >= 300) throw new Error(`${method} ${route} → ${status} ${text}`);
  return json;
}

/** Up to about half a minute of retries: a loaded server answers 503 until it catches up. */
async function retrying<T>(attempt: () => Promise<T>, tries = 10): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || !/→ 5\d\d/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * i, 5_000)));
    }
  }
}

const ratio = (keel: number, base: number) => (base <= 0 ? null : Math.round((keel / base) * 100) / 100);

function printSummary(report: { params: Record<string, number | string>; open: Summary; workerMemory: Record<string, number | number[]>; slaEvents: Record<string, number | null>; lateness: Record<string, Summary>; ratios: Record<string, number | null> }): void {
  console.log(`\nbench:sla — ${report.params.tickets} tickets × 2 clocks, target ${report.params.targetSeconds} s, ${report.params.workers} worker process(es), workflow cache ${report.params.maxCachedWorkflowsPerProcess} per process`);
  console.log(`open: ${report.open.count} tickets at ${report.open.opsPerSec}/s (p50 ${report.open.p50} ms, p99 ${report.open.p99} ms)`);
  console.log('worker memory (MiB):', report.workerMemory);
  console.log('SLA events recorded:', report.slaEvents, `(${report.slaEvents.perSecond === null ? '–' : Math.round(((report.slaEvents.perSecond ?? 0) / Number(report.params.workers)) * 10) / 10} per second per worker process)`);
  console.log('lateness (ms)'.padEnd(26), 'p50'.padStart(8), 'p95'.padStart(8), 'p99'.padStart(8), 'max'.padStart(9));
  for (const [name, s] of Object.entries(report.lateness)) console.log(name.padEnd(26), ...[s.p50, s.p95, s.p99].map((v) => String(v).padStart(8)), String(s.max).padStart(9));
  console.log('ratios (keel recorded / baseline timer):', report.ratios);
}

const silent = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => console.error(m) };

await main();
