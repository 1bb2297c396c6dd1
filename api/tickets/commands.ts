import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { withTenant } from '../../db/tenant';
import { TICKET_FAILURES, normaliseTags, ticketWorkflowId, type NewTicket, type TicketFailureType } from '../../domain/ticket/index';
import { EntityType, OrgId, Priority, Status } from '../../workflows/search-attributes';
import { ticketWorkflow } from '../../workflows/ticket';
import { ticketMessages } from '../../workflows/ticket-messages';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { claimCommandKey } from '../idempotent-command';
import { TICKET_KEYS, claimNumber } from '../idempotent-number';
import { Problem, notFound } from '../problem';
import type { CreateTicketBody, TicketView } from '../schemas/tickets';
import { getTicket } from './read-model';
import { nextTicketNumber } from '../../db/numbers';

export interface Created {
  ticket: TicketView;
  replayed: boolean;
}

/**
 * Opens a ticket: allocates its number, then starts its workflow and waits (one Update-with-
 * Start round trip) until the workflow has written the row. With an idempotency key, retries
 * of the same request answer with the same ticket; the key row is claimed before the number,
 * so concurrent retries queue on it instead of each allocating a ticket.
 */
export async function createTicket(deps: ApiDeps, auth: Auth, body: CreateTicketBody, key: string | undefined): Promise<Created> {
  const claim = await withTenant(deps.db, auth, (trx) =>
    claimNumber(trx, auth.orgId, TICKET_KEYS, { key, body }, () => nextTicketNumber(trx, auth.orgId)));

  if (claim.replayed) {
    const existing = await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, claim.number));
    if (existing) return { ticket: existing, replayed: true };
  }

  const ticket: NewTicket = {
    orgId: auth.orgId,
    number: claim.number,
    subject: body.subject,
    description: body.description,
    priority: body.priority,
    channel: body.channel,
    tags: normaliseTags(body.tags),
    fields: body.fields,
    requester: { email: body.requester.email, name: body.requester.name ?? null },
    actorId: auth.userId,
  };
  await startTicketWorkflow(deps, ticket);
  const created = await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, claim.number));
  if (!created) throw new Error(`ticket ${claim.number} has no row after its workflow reported it written`);
  return { ticket: created, replayed: claim.replayed };
}

/** What starting a ticket's workflow needs: the API has it, and so has the email listener. */
export type TicketStarter = Pick<ApiDeps, 'temporal' | 'taskQueue' | 'ticketOptions'>;

/**
 * Starts the workflow of a ticket whose number is allocated, and waits (one Update-with-Start
 * round trip) until it has written the ticket's row. Idempotent by workflow id: starting the
 * same ticket again only waits for it. `ticket.actorId` is null when a customer or the system
 * opens it (an inbound email).
 */
export async function startTicketWorkflow(deps: TicketStarter, ticket: NewTicket): Promise<void> {
  const start = new WithStartWorkflowOperation(ticketWorkflow, {
    workflowId: ticketWorkflowId(ticket.orgId, ticket.number),
    taskQueue: deps.taskQueue,
    args: [{ kind: 'new', ticket, options: deps.ticketOptions }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A closed ticket's workflow is never started again under its id.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: OrgId, value: ticket.orgId },
      { key: EntityType, value: 'ticket' },
      { key: Status, value: 'new' },
      { key: Priority, value: ticket.priority },
    ],
  });
  try {
    await deps.temporal.workflow.executeUpdateWithStart(ticketMessages.created, { startWorkflowOperation: start });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw toProblem(error);
  }
}

/**
 * Sends a command Update to a ticket's workflow and answers with the read model, which the
 * Update's activity has already written. An Idempotency-Key becomes the Update id, so a
 * retried command is applied once; it is bound to the command's arguments first, so the same
 * key with another body is a 422 rather than the first answer repeated.
 */
export async function commandTicket<Args>(
  deps: ApiDeps,
  auth: Auth,
  number: number,
  update: UpdateDefinition<unknown, [Args]>,
  args: Args,
  key: string | undefined,
): Promise<TicketView> {
  // The workflow id carries the caller's org, so no other tenant's ticket is reachable here.
  const handle = deps.temporal.workflow.getHandle(ticketWorkflowId(auth.orgId, number));
  if (key !== undefined) {
    const target = `ticket/${number}/${update.name}`;
    await withTenant(deps.db, auth, (trx) => claimCommandKey(trx, auth.orgId, { target, key, body: args }));
  }
  try {
    await handle.executeUpdate(update, { args: [args], ...(key !== undefined && { updateId: `${update.name}:${key}` }) });
  } catch (error) {
    // No running workflow: either there is no such ticket, or it is closed (its workflow ended).
    if (error instanceof WorkflowNotFoundError) {
      const existing = await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, number));
      throw existing ? closedProblem(number) : notFound(`Ticket #${number}`);
    }
    throw toProblem(error);
  }
  const ticket = await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, number));
  if (!ticket) throw notFound(`Ticket #${number}`);
  return ticket;
}

function closedProblem(number: number): Problem {
  return new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${number} is closed and cannot change.` });
}

const FAILURE_PROBLEMS: Record<TicketFailureType, (message: string) => Problem> = {
  [TICKET_FAILURES.ticket_closed]: (detail) => new Problem(409, 'ticket-closed', 'The ticket is closed', { detail }),
  [TICKET_FAILURES.invalid_transition]: (detail) => new Problem(409, 'invalid-transition', 'That status change is not allowed', { detail }),
  [TICKET_FAILURES.invalid_command]: (detail) => new Problem(422, 'invalid-command', 'The command cannot be applied', { detail }),
  [TICKET_FAILURES.unknown_assignee]: (detail) =>
    new Problem(422, 'unknown-assignee', 'No such agent', { detail, errors: [{ pointer: '/assigneeId', message: detail }] }),
  [TICKET_FAILURES.unknown_team]: (detail) =>
    new Problem(422, 'unknown-team', 'No such team', { detail, errors: [{ pointer: '/teamId', message: detail }] }),
};

/**
 * A failed Update as the caller sees it. Refusals the domain names have their own problem; any
 * other failure came from the write: refused for good (non-retryable: the request's data, 422)
 * or still failing once its retries ran out (503, try again). Either way the ticket is
 * unchanged and takes the next command; a write's own message is not echoed unless it is
 * a refusal written for people.
 */
export function toProblem(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) {
    const make = FAILURE_PROBLEMS[cause.type as TicketFailureType];
    if (make) return make(cause.message);
    if (cause.nonRetryable) return new Problem(422, 'change-refused', 'The change was refused', { detail: cause.message });
  }
  return new Problem(503, 'change-not-recorded', 'The change could not be recorded', {
    detail: 'The ticket is unchanged. Try again shortly.',
  }, { 'retry-after': '5' });
}
