import { afterAll, beforeAll } from 'vitest';

/**
 * A suite's stack, started before its tests and stopped after them. `start` answers the stack
 * and what comes with it (an org, its members); `assign` hands them to the suite's variables:
 * `stackForSuite(startAgentStack, (started) => ({ stack, org, agent } = started))`.
 */
export function stackForSuite<T extends { stack: { stop(): Promise<void> } }>(
  start: () => Promise<T>,
  assign: (started: T) => void,
  stop: (started: T) => Promise<void> = (started) => started.stack.stop(),
): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    assign(started);
  });
  afterAll(async () => {
    if (started) await stop(started);
  });
}
