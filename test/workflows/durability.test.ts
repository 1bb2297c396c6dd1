import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopChild } from '../../bin/lib/temporal-dev-server';
import { newTicket, signupOrg, type ApiResponse, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { startWorkerProcess } from '../helpers/worker-process';

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
