export { ticketWorkflow } from './ticket';
export { slaClockWorkflow } from './sla-clock';
export { maintenanceRunWorkflow, workOrderWorkflow } from './work-order';
export { mailboxPollWorkflow } from './mailbox';
export { dispatchWorkflow } from './dispatch';
export { ticketSlaClockWorkflow } from './sla-ticket-clock';
export { aiTrainingWorkflow } from './ai-training';
export { scheduledReportWorkflow } from './scheduled-report';
