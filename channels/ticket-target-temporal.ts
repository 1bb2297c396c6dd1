// Temporary: the ticket client (clients/ticket-client.ts) replaces this file and this import.
import { startTicketWorkflow, type TicketStarter } from '../api/tickets/commands';
import { ticketWorkflowId } from '../domain/ticket/index';
import { ticketMessages } from '../workflows/ticket-messages';
import type { TicketTarget } from './ticket-target';

/**
 * Intake's tickets over today's code: `startTicketWorkflow` to open one, the
 * `ticketMessages.customerMessage` signal for a message on one. Replaced by the ticket client.
 */
export function temporalTicketTarget(deps: TicketStarter): TicketTarget {
  return {
    open: (ticket) => startTicketWorkflow(deps, ticket),
    async customerMessage(orgId, number, message) {
      await deps.temporal.workflow.getHandle(ticketWorkflowId(orgId, number)).signal(ticketMessages.customerMessage, message);
    },
  };
}
