import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { stopChild } from '../../bin/lib/temporal-dev-server';
import { TEST_APP_DB_PASSWORD } from '../global-setup';
import { newTicket, signupOrg, type ApiResponse, type Org } from '../helpers/api-client';
import { TEST_PAYLOAD_KEY, startTestStack, type TestStack } from '../helpers/test-stack';

/** A real worker process: `keel worker`, on this test's task queue. */
async function startWorkerProcess(taskQueue: string): Promise<ChildProcess> {
  // Node itself runs the worker (tsx as a loader), so the PID we kill is the worker's own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/keel.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      KEEL_TASK_QUEUE: taskQueue,
      KEEL_APP_DB_PASSWORD: TEST_APP_DB_PASSWORD,
      KEEL_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      JWT_SECRET: 'x'.repeat(32),
      KEEL_PAYLOAD_KEY: TEST_PAYLOAD_KEY.toString('base64'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('keel worker polling')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

let stack: TestStack;
let org: Org;
let worker: ChildProcess | null = null;
const taskQueue = `durability-${randomUUID()}`;

beforeAll(async () => {
  // The API runs here; the only worker is a separate process this test can kill.
  stack = await startTestStack({ worker: false, taskQueue });
  worker = await startWorkerProcess(taskQueue);
  org = await signupOrg(stack.url);
});
afterAll(async () => {
  if (worker) await stopChild(worker, 2_000);
  await stack?.stop();
});

describe('a worker killed mid-change', () => {
  it('loses nothing and duplicates nothing: every accepted change is in Postgres once, and the workflows carry on', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++) numbers.push((await org.api.post('/tickets', newTicket({ subject: `Durable ${i}` }))).body.number);

    const commands: Promise<ApiResponse>[] = [];
    let completed = 0;
    for (const number of numbers) {
      for (let i = 0; i < 5; i++) {
        const sent = org.api.post(`/tickets/${number}/replies`, { body: `note ${number}/${i}`, visibility: 'internal' }, { 'Idempotency-Key': `${number}-${i}` });
        commands.push(sent.then((response) => { completed++; return response; }));
      }
      commands.push(org.api.patch(`/tickets/${number}`, { tags: ['survived'], priority: 'high' }).then((response) => { completed++; return response; }));
    }

    // Kill the worker with SIGKILL once some changes are through and most are still in flight.
    const deadline = Date.now() + 30_000;
    while (completed < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(completed).toBeLessThan(commands.length);
    worker?.kill('SIGKILL');
    worker = await startWorkerProcess(taskQueue);

    const responses = await Promise.all(commands);
    expect(responses.map((response) => response.status)).toEqual(Array(commands.length).fill(200));

    for (const number of numbers) {
      const timeline = (await org.api.get(`/tickets/${number}/timeline?limit=200`)).body.data as { id: string; type: string; data: { body?: string } }[];
      const notes = timeline.filter((event) => event.type === 'replied').map((event) => event.data.body).sort();
      expect(notes).toEqual([0, 1, 2, 3, 4].map((i) => `note ${number}/${i}`));
      expect(timeline.filter((event) => event.type === 'tags_changed')).toHaveLength(1);
      expect(timeline.filter((event) => event.type === 'priority_changed')).toHaveLength(1);
      const ticket = (await org.api.get(`/tickets/${number}`)).body;
      expect(ticket).toMatchObject({ priority: 'high', tags: ['survived'], status: 'new' });
    }

    // The workflows live on with the new worker.
    const after = await org.api.post(`/tickets/${numbers[0]}/status`, { status: 'solved' });
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('solved');
  }, 180_000);
});
