/**
 * Records a dispatch workflow history for the replay test (test/replay/histories/dispatch.json):
 * `npx tsx test/dispatch/record-dispatch-history.ts`. The scenario covers a proposal, a live
 * check, an approval refused for a broken window, an approval with a move and a lock, and an
 * urgent re-plan approved in turn. Re-record only for a deliberately incompatible change;
 * `--name NAME` records a new file next to it instead.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { startStack } from '../../bin/lib/stack';
import { findTemporalCli } from '../../bin/lib/temporal-cli';
import { dispatchWorkflowId } from '../../domain/dispatch/index';
import { accountStackOptions } from '../helpers/account-mail';
import { TEST_APP_DB_PASSWORD, TEST_PAYLOAD_KEY, startTestServices } from '../helpers/services';
import { servicesStackOptions } from '../helpers/services-stack';
import { DATE, at, planPath, proposePlan, routeOf, setUpDispatchOrg, until } from './fixtures';

// `--name dispatch-optimizer-queue` (after the `optimizer-queue` patch) keeps dispatch.json as it is.
const { values } = parseArgs({ options: { name: { type: 'string', default: 'dispatch' } } });
const OUT = path.join(PROJECT_ROOT, `test/replay/histories/${values.name}.json`);

async function main(): Promise<void> {
  const services = await startTestServices();
  const stack = await startStack({
    ...(await servicesStackOptions(services, TEST_APP_DB_PASSWORD)),
    taskQueue: 'record-dispatch', jwtSecret: new TextEncoder().encode('record-histories-secret-0123456789abcdef'), payloadKey: TEST_PAYLOAD_KEY,
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 }, logger: pino({ level: 'warn' }),
    ...(await accountStackOptions()),
  });
  try {
    const org = await setUpDispatchOrg(stack.url);
    const early = await org.workOrder('Early bird', { lat: 52.41 });
    await org.dispatcher.request('PUT', `/dispatch/work-orders/${early}/windows`, { windows: [{ start: at('08:00'), end: at('09:00') }] });
    const north = await org.workOrder('North', { lat: 52.42, durationMinutes: 90 });
    const south = await org.workOrder('South', { lat: 52.29 });
    const plan = await proposePlan(org.dispatcher, { seed: 7 });
    const behind = routeOf(plan, org.north).filter((n) => n !== early).length;
    await org.dispatcher.post(`${planPath()}/check`, { edits: [{ kind: 'move', workOrderNumber: south, technicianId: org.north }] });
    const refused = await org.dispatcher.post(`${planPath()}/approve`, { edits: [{ kind: 'move', workOrderNumber: early, technicianId: org.north, position: behind }] });
    if (behind > 0 && refused.status !== 422) throw new Error(`expected the late move to be refused, got ${refused.status}`);
    const approved = await org.dispatcher.post(`${planPath()}/approve`, { version: 1, edits: [{ kind: 'lock', workOrderNumber: north, technicianId: org.south }] });
    if (approved.status !== 200) throw new Error(`approval failed: ${JSON.stringify(approved.body)}`);
    const urgent = await org.workOrder('Burst pipe', { lat: 52.4, priority: 'urgent' });
    await org.dispatcher.post(`${planPath()}/urgent`, { workOrderNumber: urgent });
    await until(() => org.dispatcher.get(planPath()).then((r) => r.body), (p: any) => p.version === 2 && p.status === 'proposed');
    const again = await org.dispatcher.post(`${planPath()}/approve`, { version: 2 });
    if (again.status !== 200) throw new Error(`second approval failed: ${JSON.stringify(again.body)}`);
    const cli = await findTemporalCli(PROJECT_ROOT);
    const args = ['workflow', 'show', '--address', services.temporalAddress, '--workflow-id', dispatchWorkflowId(org.orgId, DATE, 'default'), '--output', 'json'];
    await writeFile(OUT, execFileSync(cli, args, { maxBuffer: 64 * 1024 * 1024 }));
    console.log(`recorded ${OUT}`);
  } finally {
    await stack.stop();
    await services.stop();
  }
}

await main();
