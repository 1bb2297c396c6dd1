import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RecordedTicket } from '../domain/ticket/recorded-ticket';
import type { EmailRef, TicketCommand, TicketState } from '../domain/ticket/index';

/** Arguments of each command Update: the command without its discriminant. */
export type ReplyArgs = Omit<Extract<TicketCommand, { kind: 'reply' }>, 'kind'>;
export type AssignArgs = Omit<Extract<TicketCommand, { kind: 'assign' }>, 'kind'>;
export type SetStatusArgs = Omit<Extract<TicketCommand, { kind: 'setStatus' }>, 'kind'>;
export type PatchArgs = Omit<Extract<TicketCommand, { kind: 'patch' }>, 'kind'>;
export type SetSubjectArgs = Omit<Extract<TicketCommand, { kind: 'setSubject' }>, 'kind'>;
export type MergeIntoArgs = Omit<Extract<TicketCommand, { kind: 'mergeInto' }>, 'kind'>;
export type MergedFromArgs = Omit<Extract<TicketCommand, { kind: 'mergedFrom' }>, 'kind'>;
export type RecordSplitArgs = Omit<Extract<TicketCommand, { kind: 'recordSplit' }>, 'kind'>;
export type LinkArgs = Omit<Extract<TicketCommand, { kind: 'link' }>, 'kind'>;
export type UnlinkArgs = Omit<Extract<TicketCommand, { kind: 'unlink' }>, 'kind'>;
export type AddCcArgs = Omit<Extract<TicketCommand, { kind: 'addCc' }>, 'kind'>;
export type RemoveCcArgs = Omit<Extract<TicketCommand, { kind: 'removeCc' }>, 'kind'>;
export type LogCallArgs = Omit<Extract<TicketCommand, { kind: 'logCall' }>, 'kind'>;

/**
 * What a command Update answers: the ticket's state, and its row as the command's own write
 * read it back (null when the command changed nothing), so the API need not read it again.
 */
export interface TicketAnswer {
  state: TicketState;
  ticket: RecordedTicket | null;
}

/**
 * Declared once, imported by the workflow and by the API. Every command is an Update: it is
 * validated against the live state and answers after the change is in Postgres.
 */
export const ticketMessages = {
  /** Answers once the ticket's row exists (and the creation rules ran), with that row. */
  created: defineUpdate<TicketAnswer>('ticket.created'),
  reply: defineUpdate<TicketAnswer, [ReplyArgs]>('ticket.reply'),
  assign: defineUpdate<TicketAnswer, [AssignArgs]>('ticket.assign'),
  setStatus: defineUpdate<TicketAnswer, [SetStatusArgs]>('ticket.setStatus'),
  patch: defineUpdate<TicketAnswer, [PatchArgs]>('ticket.patch'),
  setSubject: defineUpdate<TicketAnswer, [SetSubjectArgs]>('ticket.setSubject'),
  /** Closes this ticket into another; answers once the other ticket has been told (see `mergedFrom`). */
  mergeInto: defineUpdate<TicketAnswer, [MergeIntoArgs]>('ticket.mergeInto'),
  /** A message of this ticket was split out into a new ticket, already opened. */
  recordSplit: defineUpdate<TicketAnswer, [RecordSplitArgs]>('ticket.recordSplit'),
  link: defineUpdate<TicketAnswer, [LinkArgs]>('ticket.link'),
  unlink: defineUpdate<TicketAnswer, [UnlinkArgs]>('ticket.unlink'),
  addCc: defineUpdate<TicketAnswer, [AddCcArgs]>('ticket.addCc'),
  removeCc: defineUpdate<TicketAnswer, [RemoveCcArgs]>('ticket.removeCc'),
  /** An agent logs a phone call (either direction) on the conversation. */
  logCall: defineUpdate<TicketAnswer, [LogCallArgs]>('ticket.logCall'),
  /** Another ticket was merged into this one: sent by that ticket's workflow, an event, so a signal. */
  mergedFrom: defineSignal<[MergedFromArgs]>('ticket.mergedFrom'),
  state: defineQuery<TicketState>('ticket.state'),
  /** The requester wrote again (email, portal, chat): an event, so a signal. */
  customerMessage: defineSignal<[{ body: string; email?: EmailRef }]>('ticket.customerMessage'),
} as const;
