export { ticketWorkflow } from './ticket';
export { slaClockWorkflow } from './sla-clock';
export { mailboxPollWorkflow } from './mailbox';
