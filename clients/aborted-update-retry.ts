import { ServiceError } from '@temporalio/client';

/** gRPC's FAILED_PRECONDITION, the code the server aborts an unaccepted Update with. */
const FAILED_PRECONDITION = 9;

/** Waits before each new try: about 1.4 s in all, past the failed workflow task's own retry. */
const DELAYS_MS = [50, 150, 400, 800];

/**
 * Whether the server aborted an Update because the workflow task carrying it failed before
 * the Update was accepted ("unexpected workflow task failure"). It happens to a healthy
 * workflow: a ticket's closing task, which also completes the workflow, fails as
 * `UnhandledCommand` when its SLA clock's completion arrives during the task; a task on a
 * starved worker times out. The server then retries the task without the Update, and nothing
 * of the Update was recorded, so sending it again applies it once.
 */
export function abortedByTaskFailure(error: unknown): boolean {
  if (!(error instanceof ServiceError)) return false;
  const cause = error.cause as { code?: unknown; details?: unknown; message?: unknown } | undefined;
  const text = `${String(cause?.details ?? '')} ${String(cause?.message ?? '')}`;
  return cause?.code === FAILED_PRECONDITION && /workflow task failure/i.test(text);
}

/**
 * Sends an Update, and sends it again while the server answers that a workflow task failure
 * aborted it, so an agent's "Close" does not come back as a 503 for the server's own retry.
 * Any other error, or the same one past the last try, is the caller's.
 */
export async function retryingAbortedUpdates<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = DELAYS_MS[attempt];
      if (delay === undefined || !abortedByTaskFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
