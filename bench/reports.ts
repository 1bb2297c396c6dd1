/**
 * `npm run bench:reports [-- --tickets N --companies C --events E --reps R --json PATH]`
 *
 * One org with N tickets (default 1,000,000) over a year, E timeline events each (default 10)
 * and one first-response clock each, generated inside Postgres; then p50/p95 of dashboard-like
 * widgets through `POST /api/v1/reports/query`, each next to the same numbers computed by a
 * straightforward GROUP BY over the raw tables in the same run; then an XLSX export of one
 * row per company (C companies, default 100,000): time to the last byte and the process's RSS.
 */
import { parseArgs } from 'node:util';
import { startEphemeralServices } from '../bin/lib/ephemeral-services';
import { connect, appRoleUrl } from '../db/connection';
import { APP_ROLE } from '../db/migrate';
import { withTenant } from '../db/tenant';
import { addMember, signupOrg } from '../test/helpers/api-client';
import { writeBenchReport } from './bench-report';
import { BENCH_APP_PASSWORD, startBenchStack } from './bench-stack';
import { summarise } from './latency';
import { processMemory } from './process-memory';
import { generateReportData } from './report-data';
import { REPORT_WIDGETS } from './report-widgets';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    companies: { type: 'string', default: '100000' },
    events: { type: 'string', default: '10' },
    reps: { type: 'string', default: '20' },
    json: { type: 'string' },
  },
});
const tickets = Number(values.tickets);
const companies = Math.min(Number(values.companies), tickets);
const reps = Number(values.reps);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function main() {
  const services = await startEphemeralServices(BENCH_APP_PASSWORD);
  const stack = await startBenchStack(services, { taskQueue: 'bench-reports', worker: false, accessTokenTtlSeconds: 24 * 3600 });
  const owner = connect(services.databaseUrl, { pool: { min: 0, max: 1 } });
  const app = connect(appRoleUrl(services.databaseUrl, { user: APP_ROLE, password: BENCH_APP_PASSWORD }), { pool: { min: 0, max: 2 } });
  try {
    const org = await signupOrg(stack.url, 'Bench');
    const agentIds: string[] = [];
    for (let i = 0; i < 20; i++) agentIds.push((await addMember(org, 'agent')).id);

    const generatedAt = performance.now();
    const generation = await generateReportData(owner, { orgId: org.orgId, agentIds, tickets, companies, eventsPerTicket: Number(values.events) });
    const generationMs = Math.round(performance.now() - generatedAt);
    console.log(`generated ${tickets} tickets, ${tickets * Number(values.events)} events in ${(generationMs / 1000).toFixed(1)} s`, generation);

    const widgets = [];
    for (const widget of REPORT_WIDGETS) {
      const keel: number[] = [];
      const baseline: number[] = [];
      let keelRows: unknown[][] = [];
      let baselineRows: unknown[][] = [];
      for (let i = -2; i < reps; i++) {
        let t0 = performance.now();
        const answer = await org.api.post('/reports/query', widget.query);
        if (answer.status !== 200) throw new Error(`${widget.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
        if (i >= 0) keel.push(performance.now() - t0);
        keelRows = answer.body.rows;
        t0 = performance.now();
        baselineRows = await withTenant(app, { orgId: org.orgId }, async (trx) => (await trx.raw(widget.baseline, { ...widget.bindings })).rows.map((row: object) => Object.values(row)));
        if (i >= 0) baseline.push(performance.now() - t0);
      }
      const same = JSON.stringify(round(keelRows)) === JSON.stringify(round(baselineRows));
      if (!same) throw new Error(`${widget.name}: the metric layer and the GROUP BY disagree: ${JSON.stringify(keelRows.slice(0, 3))} vs ${JSON.stringify(baselineRows.slice(0, 3))}`);
      const result = { name: widget.name, rows: keelRows.length, keel: summarise(keel, 1), baseline: summarise(baseline, 1) };
      console.log(`${widget.name}: ${result.rows} rows · keel p50 ${result.keel.p50} ms p95 ${result.keel.p95} ms · GROUP BY p50 ${result.baseline.p50} ms p95 ${result.baseline.p95} ms`);
      widgets.push(result);
    }

    const exportResult = await measureExport(stack.url, org.api.token!);
    console.log('xlsx export', exportResult);

    const report = { benchmark: 'reports', at: new Date().toISOString(), tickets, companies, eventsPerTicket: Number(values.events), reps, generationMs, generation, widgets, xlsxExport: exportResult };
    const out = await writeBenchReport('reports', report, values.json);
    console.log(`wrote ${out}`);
  } finally {
    await owner.destroy();
    await app.destroy();
    await stack.stop();
    await services.stop();
  }
}

/** One row per company as XLSX, read as a client would, never held: time, bytes, RSS sampled during it. */
async function measureExport(baseUrl: string, token: string) {
  const before = await processMemory(process.pid);
  let maxRssMiB = before.rssMiB;
  const sampler = setInterval(() => void processMemory(process.pid).then((m) => { maxRssMiB = Math.max(maxRssMiB, m.rssMiB); }), 100);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/reports/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: XLSX, authorization: `Bearer ${token}` },
    body: JSON.stringify({ dataset: 'tickets', measures: ['count', 'avg:first_response_seconds', 'rate:solved'], dimensions: ['company'], from: '2025-12-01', to: '2026-12-01' }),
  });
  let bytes = 0;
  let firstByteMs = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = Math.round(performance.now() - started);
    bytes += chunk.length;
  }
  const totalMs = Math.round(performance.now() - started);
  clearInterval(sampler);
  const after = await processMemory(process.pid);
  return { status: response.status, rows: companies, bytes, firstByteMs, totalMs, rssBeforeMiB: before.rssMiB, maxRssDuringMiB: Math.max(maxRssMiB, after.rssMiB), peakRssProcessMiB: after.peakMiB };
}

/** Both sides as JSON with numbers to 6 significant digits (float sums differ in the last bits). */
const round = (rows: unknown[][]) => rows.map((row) => row.map((value) => (typeof value === 'number' ? Number(value.toPrecision(6)) : value)));

await main();
