import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WithStartWorkflowOperation,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition, type UpdateDefinition, type Workflow } from '@temporalio/common';
import { retryingAbortedUpdates } from './aborted-update-retry';

/**
 * The Update plumbing every entity client shares: send an Update (or start a workflow with
 * one), and turn how it failed into a value. A refusal is an answer, not an exception: the
 * caller decides what it means (an HTTP problem, a line in a commit report). Failures that are
 * not the workflow's answer (Temporal unreachable, an Update that timed out) still throw.
 */

/**
 * The failure types a workflow refuses with, by the name its client reports them under:
 * `{ ticket_closed: 'TicketClosed' }` (the domain's `TICKET_FAILURES`, for instance).
 */
export type FailureCatalogue = Readonly<Record<string, string>>;

/** How a workflow refused an Update or a signal. `Named` are the domain's own refusals. */
export type Refusal<Named extends string> =
  /** A refusal the domain names (the message is written for people). */
  | { ok: false; refusal: Named; message: string; details: readonly unknown[] }
  /** No running workflow: no such entity, or its workflow has ended (a closed ticket). */
  | { ok: false; refusal: 'not_running' }
  /**
   * Another failure the workflow answered with: refused for good (`refused`, a non-retryable
   * failure such as data Postgres cannot hold) or still failing once its retries ran out
   * (`not_recorded`). The entity is unchanged; `cause` is kept for logs and finer mapping.
   */
  | { ok: false; refusal: 'refused' | 'not_recorded'; message: string; cause: WorkflowUpdateFailedError };

export type Answer<T, Named extends string> = { ok: true; value: T } | Refusal<Named>;

/** Names the client layer reserves: a catalogue must not reuse them. */
type Reserved = 'not_running' | 'refused' | 'not_recorded';
export type NamesOf<C extends FailureCatalogue> = Exclude<keyof C & string, Reserved>;

/** The refusal an error stands for, or null when it is not a workflow's answer (rethrow it). */
export function refusalOf<C extends FailureCatalogue>(error: unknown, catalogue: C): Refusal<NamesOf<C>> | null {
  if (error instanceof WorkflowNotFoundError) return { ok: false, refusal: 'not_running' };
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) {
    const named = Object.entries(catalogue).find(([, type]) => type === cause.type)?.[0] as NamesOf<C> | undefined;
    if (named !== undefined) return { ok: false, refusal: named, message: cause.message, details: cause.details ?? [] };
    if (cause.nonRetryable) return { ok: false, refusal: 'refused', message: cause.message, cause: error };
  }
  return { ok: false, refusal: 'not_recorded', message: cause?.message ?? error.message, cause: error };
}

export interface CommandOptions {
  /** The caller's idempotency key: the same key sent again applies the command once. */
  idempotencyKey?: string | undefined;
}

/**
 * An Update id from a caller's idempotency key: the same key sent again is the same Update,
 * which Temporal applies once and answers with its first result.
 */
export const updateIdOf = (update: { name: string }, key: string | undefined): string | undefined =>
  key === undefined ? undefined : `${update.name}:${key}`;

/**
 * Sends an Update to a running workflow and answers with its result or its refusal; an Update
 * a workflow task failure aborted before it was accepted is sent again (clients/aborted-update-retry.ts).
 */
export async function sendUpdate<T, Args, C extends FailureCatalogue>(
  handle: WorkflowHandle,
  update: UpdateDefinition<T, [Args]>,
  args: Args,
  catalogue: C,
  updateId?: string,
): Promise<Answer<T, NamesOf<C>>> {
  try {
    const send = () => handle.executeUpdate(update, { args: [args], ...(updateId !== undefined && { updateId }) });
    return { ok: true, value: await retryingAbortedUpdates(send) };
  } catch (error) {
    const refusal = refusalOf(error, catalogue);
    if (refusal) return refusal;
    throw error;
  }
}

/**
 * Starts a workflow (or finds the running one) and waits for an Update that answers once it has
 * written its entity. Idempotent by workflow id: `null` when a workflow of that id has already
 * ended (its reuse policy refuses a second one), so the entity was opened before.
 */
export async function startWithUpdate<W extends Workflow, T, C extends FailureCatalogue>(
  temporal: Client,
  start: WithStartWorkflowOperation<W>,
  update: UpdateDefinition<T, []>,
  catalogue: C,
): Promise<Answer<T | null, NamesOf<C>>> {
  try {
    return { ok: true, value: await temporal.workflow.executeUpdateWithStart(update, { startWorkflowOperation: start }) };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { ok: true, value: null };
    const refusal = refusalOf(error, catalogue);
    if (refusal) return refusal;
    throw error;
  }
}

/** The argument each Update of a name → Update map takes: an entity's commands, by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any result: only the argument is read
export type UpdateArgsOf<M> = { [K in keyof M]: M[K] extends UpdateDefinition<any, [infer A]> ? A : never };

/** One command of an entity client: its Update sent to the org's entity `number`. */
export type CommandSender<Args, T, Named extends string> = (orgId: string, number: number, args: Args, options?: CommandOptions) => Promise<Answer<T, Named>>;

/**
 * An entity's command senders, one per Update (`{ reply: ticketMessages.reply, … }`): each sends
 * to the entity's workflow, with the Update id taken from the caller's idempotency key.
 */
export function commandSenders<A, T, C extends FailureCatalogue>(
  handleOf: (orgId: string, number: number) => WorkflowHandle,
  updates: { [K in keyof A]: UpdateDefinition<T, [A[K]]> },
  catalogue: C,
): { [K in keyof A]: CommandSender<A[K], T, NamesOf<C>> } {
  const senders: Partial<{ [K in keyof A]: CommandSender<A[K], T, NamesOf<C>> }> = {};
  for (const name of Object.keys(updates) as (keyof A)[]) {
    const update = updates[name];
    senders[name] = (orgId, number, args, options = {}) =>
      sendUpdate(handleOf(orgId, number), update, args, catalogue, updateIdOf(update, options.idempotencyKey));
  }
  return senders as { [K in keyof A]: CommandSender<A[K], T, NamesOf<C>> };
}

/** A query's answer, or null when there is no such workflow. */
export async function queryOrNull<T>(handle: WorkflowHandle, query: QueryDefinition<T>): Promise<T | null> {
  try {
    return await handle.query(query);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}
