import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { TICKET_FAILURES, ticketWorkflowId, type EmailRef, type NewTicket, type TicketState, type TicketWorkflowOptions } from '../domain/ticket/index';
import { openingAttributes } from '../workflows/search-attributes';
import { ticketWorkflow } from '../workflows/ticket';
import { ticketMessages, type AssignArgs, type PatchArgs, type ReplyArgs, type SetStatusArgs, type SetSubjectArgs, type TicketAnswer as TicketUpdateResult } from '../workflows/ticket-messages';
import { commandSenders, queryOrNull, startWithUpdate, type Answer, type CommandOptions, type CommandSender, type NamesOf, type UpdateArgsOf } from './updates';

export type { AssignArgs, CommandOptions, PatchArgs, ReplyArgs, SetStatusArgs, SetSubjectArgs, TicketUpdateResult };

/** What a ticket client needs: the Temporal client, the queue ticket workflows run on, their options. */
export interface TicketClientDeps {
  temporal: Client;
  taskQueue: string;
  ticketOptions: TicketWorkflowOptions;
}

/** How a ticket's workflow refuses: `ticket_closed`, `invalid_transition`, ... (see `TICKET_FAILURES`). */
export type TicketRefusalName = NamesOf<typeof TICKET_FAILURES>;
/** An Update's answer: the ticket's state and its row as the command's own write read it back. */
export type TicketAnswer<T = TicketUpdateResult> = Answer<T, TicketRefusalName>;
export type TicketRefusal = Extract<TicketAnswer<unknown>, { ok: false }>;

/** What the requester wrote again, by email, portal or chat. */
export interface CustomerMessage {
  body: string;
  email?: EmailRef;
}

/** The commands a member sends a ticket, by name, with their arguments. */
export type TicketCommandArgs = UpdateArgsOf<typeof COMMANDS>;
export type TicketCommandName = keyof TicketCommandArgs;

/** Each command Update, answered with the ticket's state and written row once the change is in Postgres. */
export type TicketCommands = { [K in TicketCommandName]: CommandSender<TicketCommandArgs[K], TicketUpdateResult, TicketRefusalName> };

export interface TicketClient extends TicketCommands {
  /**
   * Opens a ticket whose number is allocated: starts its workflow and answers once it has
   * written the ticket's row. Idempotent by workflow id: opening the same ticket again only
   * waits for it (`null` once its workflow has ended: a closed ticket is never reopened).
   */
  open(ticket: NewTicket): Promise<TicketAnswer<TicketUpdateResult | null>>;
  /** The requester wrote again: a signal, so it answers once Temporal has it (`not_running`: the ticket is closed or unknown). */
  customerMessage(orgId: string, number: number, message: CustomerMessage): Promise<{ ok: true } | { ok: false; refusal: 'not_running' }>;
  /** The live state of the ticket's workflow, or null when there is none. */
  state(orgId: string, number: number): Promise<TicketState | null>;
}

const COMMANDS = {
  reply: ticketMessages.reply,
  assign: ticketMessages.assign,
  setStatus: ticketMessages.setStatus,
  patch: ticketMessages.patch,
  setSubject: ticketMessages.setSubject,
  mergeInto: ticketMessages.mergeInto,
  recordSplit: ticketMessages.recordSplit,
  link: ticketMessages.link,
  unlink: ticketMessages.unlink,
  addCc: ticketMessages.addCc,
  removeCc: ticketMessages.removeCc,
  logCall: ticketMessages.logCall,
};

/** The only code that knows a ticket's workflow id, its Update names and how it starts. */
export function ticketClient(deps: TicketClientDeps): TicketClient {
  // The workflow id carries the org, so a caller reaches only its own org's tickets.
  const handleOf = (orgId: string, number: number) => deps.temporal.workflow.getHandle(ticketWorkflowId(orgId, number));

  return {
    open(ticket) {
      const start = new WithStartWorkflowOperation(ticketWorkflow, {
        workflowId: ticketWorkflowId(ticket.orgId, ticket.number),
        taskQueue: deps.taskQueue,
        args: [{ kind: 'new', ticket, options: deps.ticketOptions }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A closed ticket's workflow is never started again under its id.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: openingAttributes({ orgId: ticket.orgId, type: 'ticket', status: 'new', priority: ticket.priority }),
      });
      return startWithUpdate(deps.temporal, start, ticketMessages.created, TICKET_FAILURES);
    },

    async customerMessage(orgId, number, message) {
      try {
        await handleOf(orgId, number).signal(ticketMessages.customerMessage, message);
        return { ok: true };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return { ok: false, refusal: 'not_running' };
        throw error;
      }
    },

    ...commandSenders<TicketCommandArgs, TicketUpdateResult, typeof TICKET_FAILURES>(handleOf, COMMANDS, TICKET_FAILURES),

    state: (orgId, number) => queryOrNull(handleOf(orgId, number), ticketMessages.state),
  };
}
