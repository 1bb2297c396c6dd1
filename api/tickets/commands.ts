import {
  ticketClient,
  type TicketCommandArgs,
  type TicketCommandName,
  type TicketCommands,
  type TicketRefusal,
  type TicketRefusalName,
  type TicketUpdateResult,
} from '../../clients/ticket-client';
import { withTenant } from '../../db/tenant';
import { normaliseTags, type NewTicket } from '../../domain/ticket/index';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { claimKeyIfGiven } from '../idempotent-command';
import { TICKET_KEYS, claimNumber } from '../idempotent-number';
import { Problem, found, notFound } from '../problem';
import type { CreateTicketBody, TicketView } from '../schemas/tickets';
import { getTicket, viewOfRecorded } from './read-model';
import { replyConflictProblem } from './reply-conflict';
import { nextTicketNumber } from '../../db/numbers';
import { mergedInto } from '../../db/ticket-relations';
import { uploadsOfTicket } from '../../db/ticket-attachments';
import { checkFieldValues, requiredFieldsProblem } from './field-values';

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
  await withTenant(deps.db, auth, (trx) => checkFieldValues(trx, auth.orgId, body.fields));
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
  const opened = await ticketClient(deps).open(ticket);
  if (!opened.ok) throw refusalProblem(opened);
  const created = (opened.value && answeredView(opened.value)) ?? await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, claim.number));
  if (!created) throw new Error(`ticket ${claim.number} has no row after its workflow reported it written`);
  return { ticket: created, replayed: claim.replayed };
}

/** The ticket as the Update's own write read it back, when it did (no second read needed). */
function answeredView(answer: TicketUpdateResult): TicketView | null {
  return answer.ticket ? viewOfRecorded(answer.ticket) : null;
}

/**
 * Sends a command to a ticket's workflow and answers with the read model, which the Update's
 * activity has already written. An Idempotency-Key becomes the Update id, so a retried command
 * is applied once; it is bound to the command's arguments first, so the same key with another
 * body is a 422 rather than the first answer repeated.
 */
export async function commandTicket<K extends TicketCommandName>(
  deps: ApiDeps,
  auth: Auth,
  number: number,
  command: K,
  args: TicketCommandArgs[K],
  key: string | undefined,
): Promise<TicketView> {
  await claimKeyIfGiven(deps.db, auth, { target: `ticket/${number}/${command}`, key, body: args });
  await checkCustomFields(deps, auth, command, args);
  const commands: TicketCommands = ticketClient(deps);
  const answer = await commands[command](auth.orgId, number, args, { idempotencyKey: key });
  if (!answer.ok) {
    // No running workflow: either there is no such ticket, or it is closed (its workflow ended).
    if (answer.refusal === 'not_running') {
      const existing = await withTenant(deps.db, auth, async (trx) => (await getTicket(trx, auth.orgId, number)) && { into: await mergedInto(trx, auth.orgId, number) });
      if (existing?.into) throw mergedProblem(number, existing.into);
      throw existing ? closedProblem(number) : notFound(`Ticket #${number}`);
    }
    if (answer.refusal === 'ticket_merged') {
      const into = (answer.details[0] as { mergedInto?: number } | undefined)?.mergedInto;
      if (into !== undefined) throw mergedProblem(number, into);
    }
    if (answer.refusal === 'stale_reply') throw await staleReplyProblem(deps, auth, number, args, answer.details);
    throw refusalProblem(answer);
  }
  return found(answeredView(answer.value) ?? await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, number)), `Ticket #${number}`);
}

/**
 * Custom-field values are type-checked here, at the edge, before the workflow hears of the
 * command (the workflow knows no field definitions). Whether required fields keep a ticket from
 * being solved is decided by the solve's write, in order with the ticket's other commands
 * (`required_fields_missing`, answered as the same 422 by `refusalProblem`).
 */
async function checkCustomFields(deps: ApiDeps, auth: Auth, command: TicketCommandName, args: unknown): Promise<void> {
  if (command !== 'patch') return;
  const fields = (args as TicketCommandArgs['patch']).fields;
  if (fields) await withTenant(deps.db, auth, (trx) => checkFieldValues(trx, auth.orgId, fields));
}

/** A reply refused as stale, with what was written since (see reply-conflict.ts). */
async function staleReplyProblem(deps: ApiDeps, auth: Auth, number: number, args: unknown, details: readonly unknown[]): Promise<Problem> {
  const basedOn = (args as { basedOnVersion?: number }).basedOnVersion ?? 0;
  const currentVersion = (details[0] as { currentVersion?: number } | undefined)?.currentVersion ?? basedOn;
  return withTenant(deps.db, auth, (trx) => replyConflictProblem(trx, auth.orgId, number, basedOn, currentVersion));
}

/** A command on a merged ticket: it says where the conversation went, so the caller can send it there. */
export function mergedProblem(number: number, into: number): Problem {
  return new Problem(409, 'ticket-merged', 'The ticket was merged into another', { detail: `Ticket #${number} was merged into #${into}.`, mergedInto: into });
}

function closedProblem(number: number): Problem {
  return new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${number} is closed and cannot change.` });
}

const REFUSAL_PROBLEMS: Record<TicketRefusalName, (detail: string, details: readonly unknown[]) => Problem> = {
  ticket_merged: (detail) => new Problem(409, 'ticket-merged', 'The ticket was merged into another', { detail }),
  ticket_closed: (detail) => new Problem(409, 'ticket-closed', 'The ticket is closed', { detail }),
  invalid_transition: (detail) => new Problem(409, 'invalid-transition', 'That status change is not allowed', { detail }),
  invalid_command: (detail) => new Problem(422, 'invalid-command', 'The command cannot be applied', { detail }),
  stale_reply: (detail) => new Problem(409, 'reply-conflict', 'The ticket changed while you wrote', { detail }),
  unknown_assignee: (detail) =>
    new Problem(422, 'unknown-assignee', 'No such agent', { detail, errors: [{ pointer: '/assigneeId', message: detail }] }),
  unknown_team: (detail) =>
    new Problem(422, 'unknown-team', 'No such team', { detail, errors: [{ pointer: '/teamId', message: detail }] }),
  unknown_ticket: (detail) =>
    new Problem(422, 'unknown-ticket', 'No such ticket', { detail, errors: [{ pointer: '/number', message: detail }] }),
  unknown_attachment: (detail) => unknownAttachment(detail),
  required_fields_missing: (detail, details) => requiredFieldsProblem(detail, details),
};

const unknownAttachment = (detail: string) =>
  new Problem(422, 'unknown-attachment', 'No such upload to send', { detail, errors: [{ pointer: '/attachmentIds', message: detail }] });

/** Refuses ids that are not uploads of this ticket (another ticket's or org's, or none at all). */
export async function checkUploadsOf(deps: ApiDeps, auth: Auth, number: number, ids: readonly string[]): Promise<void> {
  const known = await withTenant(deps.db, auth, (trx) => uploadsOfTicket(trx, auth.orgId, number, ids));
  const missing = ids.filter((id) => !known.includes(id));
  if (missing.length > 0) throw unknownAttachment(`Attachment ${missing.join(', ')} was not uploaded to ticket #${number}.`);
}

/**
 * A refused ticket command as the caller sees it. Refusals the domain names have their own
 * problem; any other failure came from the write: refused for good (the request's data, 422)
 * or still failing once its retries ran out (503, try again). Either way the ticket is
 * unchanged and takes the next command; a write's own message is not echoed unless it is
 * a refusal written for people.
 */
export function refusalProblem(refusal: TicketRefusal): Problem {
  switch (refusal.refusal) {
    case 'not_running':
      return notFound('Ticket');
    case 'refused':
      return new Problem(422, 'change-refused', 'The change was refused', { detail: refusal.message });
    case 'not_recorded':
      return new Problem(503, 'change-not-recorded', 'The change could not be recorded', {
        detail: 'The ticket is unchanged. Try again shortly.',
      }, { 'retry-after': '5' });
    default:
      return REFUSAL_PROBLEMS[refusal.refusal](refusal.message, refusal.details);
  }
}
