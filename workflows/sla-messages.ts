import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ClockCommand, ClockView } from '../domain/sla/clock';
import type { TicketClockCommand } from '../domain/sla/ticket-clocks';
import type { SlaClockEvent } from '../domain/ticket/commands';

/** Ticket → clock: every change carries the ticket workflow's own time, so both agree on it. */
export type { ClockCommand };

export const slaMessages = {
  command: defineSignal<[ClockCommand]>('sla.command'),
  view: defineQuery<ClockView>('sla.view'),
  /** Ticket → its one clock workflow (`ticketSlaClockWorkflow`): the commands of one change. */
  ticketCommands: defineSignal<[TicketClockCommand[]]>('sla.ticket-commands'),
  /** The per-ticket clock's open targets. */
  ticketView: defineQuery<ClockView[]>('sla.ticket-view'),
  /** Clock → ticket. */
  event: defineSignal<[SlaClockEvent]>('sla.event'),
} as const;
