/**
 * `npm run bench:tickets [-- --tickets N --concurrency C --single S --threads lean|sdk --json PATH]`
 *
 * Through Keel's HTTP API at a given concurrency: create N tickets, then one reply and one
 * status change each. Then a single agent (concurrency 1) does the same on S more tickets
 * (`--single 0` skips it), next to a bare Update and start + Update at concurrency 1. In the same run, on the same Temporal server, a baseline: an empty
 * workflow's start + one Update, and a bare Update round trip. Prints a summary and writes
 * JSON with both and their ratio. Timing is reported, never asserted; correctness is checked.
 * `--threads sdk` runs Keel's worker on the SDK's own workflow threads (workers/lean-worker.ts);
 * the baseline's worker always does.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { startEphemeralServices } from '../bin/lib/ephemeral-services';
import { writeBenchReport } from './bench-report';
import type { WorkflowThreads } from '../workers/lean-worker';
import { BENCH_APP_PASSWORD, startBenchStack } from './bench-stack';
import { fetchApi, signUpBenchOrg } from './bench-api';
import { baselineWorkflow, ping } from './baseline-workflow';
import { measure, type Summary } from './latency';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '20' }, single: { type: 'string', default: '20' }, threads: { type: 'string', default: 'lean' }, json: { type: 'string' } },
});
if (values.threads !== 'lean' && values.threads !== 'sdk') throw new Error(`--threads takes lean or sdk; got "${values.threads}".`);
const THREADS: WorkflowThreads = values.threads;
const N = Number(values.tickets);
const C = Number(values.concurrency);
const S = Number(values.single);

async function main(): Promise<void> {
  const services = await startEphemeralServices(BENCH_APP_PASSWORD);
  const stack = await startBenchStack(services, {
    taskQueue: 'bench-tickets',
    workflowThreads: THREADS,
    // As in production, the worker mails public replies (this org has no mailbox: each records its failure).
    email: { mailKey: Buffer.alloc(32, 4), storageDir: await mkdtemp(path.join(os.tmpdir(), 'keel-bench-mail-')), smtpPort: null },
  });
  let baselineWorker: Worker | null = null;
  let baselineRun: Promise<void> | null = null;
  try {
    const agent = await signUp(stack.url);
    const phases: Record<string, number> = { keelStart: monotonicUs() };
    const keel = await benchKeel(agent, N, C);
    phases.keelEnd = monotonicUs();
    const singleKeel = S > 0 ? await benchKeel(agent, S, 1) : null;
    phases.singleEnd = monotonicUs();
    // A fast number from a broken run is worthless: every ticket must be solved.
    const counts = await agent.call('GET', '/tickets/counts');
    if (counts.solved !== N + S) throw new Error(`expected ${N + S} solved tickets, found ${JSON.stringify(counts)}`);

    baselineWorker = await Worker.create({
      connection: await NativeConnection.connect({ address: services.temporalAddress }),
      taskQueue: 'bench-baseline',
      workflowBundle: await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)), logger: silent }),
    });
    baselineRun = baselineWorker.run();
    const client = stack.temporal;
    const id = (i: number) => `bench-baseline-${i}`;
    const startPlusUpdate = await measure(N, C, async (i) => {
      await client.workflow.executeUpdateWithStart(ping, {
        startWorkflowOperation: new WithStartWorkflowOperation(baselineWorkflow, { workflowId: id(i), taskQueue: 'bench-baseline', workflowIdConflictPolicy: 'FAIL' }),
      });
    });
    const update = await measure(N, C, async (i) => { await client.workflow.getHandle(id(i)).executeUpdate(ping); });
    const single = singleKeel && {
      keel: singleKeel,
      baseline: {
        startPlusUpdate: await measure(S, 1, async (i) => {
          await client.workflow.executeUpdateWithStart(ping, {
            startWorkflowOperation: new WithStartWorkflowOperation(baselineWorkflow, { workflowId: id(N + i), taskQueue: 'bench-baseline', workflowIdConflictPolicy: 'FAIL' }),
          });
        }),
        update: await measure(S, 1, async (i) => { await client.workflow.getHandle(id(N + i)).executeUpdate(ping); }),
      },
    };

    const report = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      params: { tickets: N, concurrency: C, workflowThreads: THREADS },
      keel,
      baseline: { startPlusUpdate, update },
      ratios: {
        createThroughput: ratio(keel.create, startPlusUpdate),
        replyThroughput: ratio(keel.reply, update),
        statusThroughput: ratio(keel.status, update),
      },
      ...(single && { singleAgent: { tickets: S, ...single } }),
      // The clock of V8's CPU profiles (`node --cpu-prof`): cut a profile to a phase with
      // `bench/cpu-profile-summary.ts --window keelStart,keelEnd`.
      phasesMonotonicUs: phases,
    };
    const out = await writeBenchReport('tickets', report, values.json);
    printSummary(report);
    console.log(`\nJSON written to ${out}`);
  } finally {
    baselineWorker?.shutdown();
    await baselineRun?.catch(() => undefined);
    await stack.stop();
    await services.stop();
  }
}

interface Agent {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from our own API, checked where it matters
  call(method: string, route: string, body?: unknown): Promise<any>;
}

async function signUp(baseUrl: string): Promise<Agent> {
  const request = fetchApi(baseUrl);
  const token = await signUpBenchOrg(request);
  return { call: (method, route, body) => request(method, route, token, body) };
}

/** `count` tickets at `concurrency`: create them all, then one public reply each, then solve each. */
async function benchKeel(agent: Agent, count: number, concurrency: number) {
  const numbers: number[] = [];
  const create = await measure(count, concurrency, async (i) => {
    const ticket = await agent.call('POST', '/tickets', { subject: `Bench ticket ${i}`, description: 'Benchmark load', requester: { email: `customer-${i % 50}@example.com` } });
    numbers[i] = ticket.number;
  });
  const reply = await measure(count, concurrency, async (i) => { await agent.call('POST', `/tickets/${numbers[i]}/replies`, { body: 'On it.', visibility: 'public' }); });
  const status = await measure(count, concurrency, async (i) => { await agent.call('POST', `/tickets/${numbers[i]}/status`, { status: 'solved' }); });
  return { create, reply, status };
}

/** Microseconds on the monotonic clock V8 stamps its CPU profiles with. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const ratio = (keel: Summary, base: Summary) => Math.round((keel.opsPerSec / base.opsPerSec) * 1000) / 1000;

interface Report {
  params: { tickets: number; concurrency: number; workflowThreads: WorkflowThreads };
  keel: Record<string, Summary>;
  baseline: Record<string, Summary>;
  ratios: Record<string, number>;
  singleAgent?: { tickets: number; keel: Record<string, Summary>; baseline: Record<string, Summary> };
}

function printSummary(report: Report): void {
  console.log(`\nbench:tickets — ${report.params.tickets} tickets, concurrency ${report.params.concurrency}, ${report.params.workflowThreads} workflow threads`);
  const rows = [...Object.entries(report.keel).map(([k, v]) => [`keel ${k}`, v] as const), ...Object.entries(report.baseline).map(([k, v]) => [`baseline ${k}`, v] as const)];
  console.log('command'.padEnd(26), 'ops/s'.padStart(8), 'p50'.padStart(8), 'p95'.padStart(8), 'p99'.padStart(8), 'max'.padStart(8), '(ms)');
  for (const [name, s] of rows) console.log(name.padEnd(26), ...[s.opsPerSec, s.p50, s.p95, s.p99, s.max].map((v) => String(v).padStart(8)));
  console.log('ratios (keel / baseline throughput):', report.ratios);
  if (!report.singleAgent) return;
  const { tickets, keel, baseline } = report.singleAgent;
  console.log(`\nsingle agent (concurrency 1, ${tickets} tickets), p50 ms:`);
  for (const [name, s] of [...Object.entries(keel).map(([k, v]) => [`keel ${k}`, v] as const), ...Object.entries(baseline).map(([k, v]) => [`baseline ${k}`, v] as const)]) {
    console.log(name.padEnd(26), String(s.p50).padStart(8));
  }
}

const silent = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => console.error(m) };

await main();
