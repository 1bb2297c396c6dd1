import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, NativeConnection, type Worker, type WorkerOptions } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workerClassFor, type WorkflowThreads } from '../../workers/lean-worker';
import { eventually } from '../helpers/eventually';

// What workers/lean-worker.ts changes in the SDK's workflow threads, observed from outside,
// against the SDK's own threads (KEEL_WORKFLOW_THREADS=sdk) on the same bundle. If a new SDK
// stops honouring either change, one of these fails.

const { EventType } = temporal.api.enums.v1;
const SPIN = 200_000_000;
let bundle: { code: string };
let client: Client;
let nativeConnection: NativeConnection;
const running: { worker: Worker; run: Promise<void> }[] = [];

beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./lean-worker-workflows.ts', import.meta.url)), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
}, 120_000);

afterAll(async () => {
  for (const { worker, run } of running) { worker.shutdown(); await run; }
  await nativeConnection?.close();
  await client?.connection.close();
});

async function startWorker(threads: WorkflowThreads, isolateExecutionTimeout = '5s'): Promise<string> {
  const taskQueue = `lean-${threads}-${randomUUID()}`;
  // The SDK reads `isolateExecutionTimeout` from the options it is given but does not type it
  // ("not exposed at the moment"): a short one makes its deadlock detection quick to observe.
  const options: WorkerOptions & { isolateExecutionTimeout: string } = { connection: nativeConnection, taskQueue, workflowBundle: bundle, isolateExecutionTimeout };
  const worker = await workerClassFor(threads).create(options);
  running.push({ worker, run: worker.run() });
  return taskQueue;
}

describe('lean workflow threads (workers/lean-worker.ts)', () => {
  it('run a long synchronous activation to its end, where the SDK\'s threads fail it as a deadlock', async () => {
    const lean = await startWorker('lean', '500ms');
    expect(await client.workflow.execute('spinningWorkflow', { taskQueue: lean, workflowId: randomUUID(), args: [SPIN] })).toEqual(expect.any(Number));

    const sdk = await startWorker('sdk', '500ms');
    const handle = await client.workflow.start('spinningWorkflow', { taskQueue: sdk, workflowId: randomUUID(), args: [SPIN] });
    const failedTask = async () => (await handle.fetchHistory()).events?.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    const failed = await eventually(failedTask, (event) => event !== undefined);
    const failure = failed?.workflowTaskFailedEventAttributes?.failure?.message ?? '';
    expect(failure).toMatch(/timed out after 500ms/);
    await handle.terminate();
  });

  it('record no promise stacks, where the SDK\'s threads answer the stack-trace query', async () => {
    const lean = await client.workflow.start('waitingWorkflow', { taskQueue: await startWorker('lean'), workflowId: randomUUID() });
    await expect(lean.query('__stack_trace')).rejects.toThrow(/stack traces are not enabled/i);
    await lean.signal('release');
    await lean.result();

    const sdk = await client.workflow.start('waitingWorkflow', { taskQueue: await startWorker('sdk'), workflowId: randomUUID() });
    expect(await sdk.query('__stack_trace')).toContain('waitingWorkflow');
    await sdk.signal('release');
    await sdk.result();
  });
});
