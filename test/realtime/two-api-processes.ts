import { signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack, type TestStackOptions } from '../helpers/test-stack';
import type { TestSocket } from '../helpers/ws-client';

/**
 * Two API processes on the same database and task queue (only the first runs a worker): the
 * second learns of events and presence only through NOTIFY. Two orgs signed up on the first.
 */
export interface TwoApiProcesses { stack: TestStack; other: TestStack; orgA: Org; orgB: Org }

type OtherOptions = Omit<TestStackOptions, 'worker' | 'taskQueue'>;

export async function startTwoApiProcesses(options: { first?: TestStackOptions; other?: OtherOptions } = {}): Promise<TwoApiProcesses> {
  const stack = await startTestStack(options.first);
  let other: TestStack | undefined;
  try {
    other = await startTestStack({ ...options.other, worker: false, taskQueue: stack.taskQueue });
    const orgA = await signupOrg(stack.url);
    const orgB = await signupOrg(stack.url);
    return { stack, other, orgA, orgB };
  } catch (error) {
    // The caller never receives the stacks to stop them: release them here, as afterAll would have.
    await stopTwoApiProcesses({ stack, other }, []);
    throw error;
  }
}

/** Drops the sockets a test left open, then the second process, then the first. */
export async function stopTwoApiProcesses(started: Partial<Pick<TwoApiProcesses, 'stack' | 'other'>>, sockets: readonly TestSocket[]) {
  for (const socket of sockets) socket.ws.terminate();
  await started.other?.stop();
  await started.stack?.stop();
}
