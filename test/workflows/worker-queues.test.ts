import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQueueRoles } from '../../workers/pools';
import { taskQueueFor } from '../../workflows/task-queues';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const { TaskQueueType } = temporal.api.enums.v1;
const stacks: TestStack[] = [];
afterAll(async () => { for (const stack of stacks) await stack.stop(); });

/** Pollers the server saw on a queue, waiting a little for a worker's first poll to register. */
async function pollers(stack: TestStack, taskQueue: string, type: temporal.api.enums.v1.TaskQueueType, expectSome: boolean): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { pollers: seen } = await stack.temporal.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: type });
    const count = seen?.length ?? 0;
    if (count > 0 === expectSome || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('worker pools by task queue (keel worker --queues)', () => {
  it('a core-only worker polls the core queue and never the optimizer queue; an optimizer worker polls only that', async () => {
    const base = `queues-${randomUUID()}`;
    const core = await startTestStack({ api: false, taskQueue: base, queues: ['core'] });
    stacks.push(core);
    expect(await pollers(core, base, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, true)).toBeGreaterThan(0);
    // Give the core worker time to have polled everything it would poll, then look at the optimizer queue.
    expect(await pollers(core, base, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, true)).toBeGreaterThan(0);
    expect(await pollers(core, taskQueueFor(base, 'optimizer'), TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, false)).toBe(0);

    const optimizer = await startTestStack({ api: false, taskQueue: base, queues: ['optimizer'] });
    stacks.push(optimizer);
    expect(await pollers(optimizer, taskQueueFor(base, 'optimizer'), TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, true)).toBeGreaterThan(0);
    // The optimizer pool runs no workflows.
    expect(await pollers(optimizer, taskQueueFor(base, 'optimizer'), TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, false)).toBe(0);
  });

  it('parses --queues strictly', () => {
    expect(parseQueueRoles('core,optimizer,core')).toEqual(['core', 'optimizer']);
    expect(() => parseQueueRoles('core,tickets')).toThrow(/core, sla, optimizer, email/);
    expect(() => parseQueueRoles('')).toThrow();
  });
});
