import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EmailRef, TicketCommand, TicketState } from '../domain/ticket/index';

/** Arguments of each command Update: the command without its discriminant. */
export type ReplyArgs = Omit<Extract<TicketCommand, { kind: 'reply' }>, 'kind'>;
export type AssignArgs = Omit<Extract<TicketCommand, { kind: 'assign' }>, 'kind'>;
export type SetStatusArgs = Omit<Extract<TicketCommand, { kind: 'setStatus' }>, 'kind'>;
export type PatchArgs = Omit<Extract<TicketCommand, { kind: 'patch' }>, 'kind'>;

/**
 * Declared once, imported by the workflow and by the API. Every command is an Update: it is
 * validated against the live state and answers after the change is in Postgres.
 */
export const ticketMessages = {
  /** Answers once the ticket's row exists: lets `POST /tickets` read its own write. */
  created: defineUpdate<TicketState>('ticket.created'),
  reply: defineUpdate<TicketState, [ReplyArgs]>('ticket.reply'),
  assign: defineUpdate<TicketState, [AssignArgs]>('ticket.assign'),
  setStatus: defineUpdate<TicketState, [SetStatusArgs]>('ticket.setStatus'),
  patch: defineUpdate<TicketState, [PatchArgs]>('ticket.patch'),
  state: defineQuery<TicketState>('ticket.state'),
  /** The requester wrote again (email, portal, chat): an event, so a signal. */
  customerMessage: defineSignal<[{ body: string; email?: EmailRef }]>('ticket.customerMessage'),
} as const;
