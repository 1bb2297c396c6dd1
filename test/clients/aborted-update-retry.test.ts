import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { abortedByTaskFailure } from '../../clients/aborted-update-retry';
import { sendUpdate } from '../../clients/updates';
import { createPingActivities } from './aborted-update-activities';
import { close } from './aborted-update-workflows';

// An Update the server aborted because the workflow task carrying it failed (FAILED_PRECONDITION,
// "unexpected workflow task failure") was never accepted: the entity clients send it again.
// Seen in the demo seed as 503s on closing tickets (the closing task failed as UnhandledCommand).

const TASK_QUEUE = `aborted-update-${randomUUID()}`;
let client: Client;
let nativeConnection: NativeConnection;
let worker: Worker;
let run: Promise<void>;

beforeAll(async () => {
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./aborted-update-workflows.ts', import.meta.url)), logger: quiet });
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({ connection: nativeConnection, taskQueue: TASK_QUEUE, workflowBundle, activities: createPingActivities(client) });
  run = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await run;
  await nativeConnection?.close();
  await client?.connection.close();
});

async function closing(): Promise<WorkflowHandle> {
  return client.workflow.start('closingWorkflow', { taskQueue: TASK_QUEUE, workflowId: randomUUID() });
}

describe('Updates aborted by a workflow task failure (clients/aborted-update-retry.ts)', () => {
  it('are refused by the server with FAILED_PRECONDITION when sent once', async () => {
    const handle = await closing();
    const refused = await handle.executeUpdate(close, { args: ['done'] }).then(() => null, (error: unknown) => error);
    expect(abortedByTaskFailure(refused)).toBe(true);
    // The refused Update left no trace: the workflow still runs, and the next close lands.
    expect(await handle.executeUpdate(close, { args: ['done'] })).toBe('done');
    await handle.result();
  });

  it('land once when the entity client sends them, the task\'s failure hidden from the caller', async () => {
    const handle = await closing();
    expect(await sendUpdate(handle, close, 'done', {})).toEqual({ ok: true, value: 'done' });
    await handle.result();
  });

  it('are told apart from other failures', () => {
    expect(abortedByTaskFailure(new Error('unexpected workflow task failure'))).toBe(false);
  });
});
