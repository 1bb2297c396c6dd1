/** Failure types the workflow answers with; the API maps each to a problem type and status. */
export const TICKET_FAILURES = {
  ticket_merged: 'TicketMerged',
  ticket_closed: 'TicketClosed',
  invalid_transition: 'InvalidTransition',
  invalid_command: 'InvalidCommand',
  stale_reply: 'StaleReply',
  unknown_assignee: 'UnknownAssignee',
  unknown_team: 'UnknownTeam',
  unknown_ticket: 'UnknownTicket',
  /** A reply's attachment id is not an upload of this ticket waiting to be sent (another ticket's, sent already, unknown). */
  unknown_attachment: 'UnknownAttachment',
  /** A solve while the ticket's form shows required fields that are empty (details: `{ missingFields }`). */
  required_fields_missing: 'RequiredFieldsMissing',
} as const;
export type TicketFailureType = (typeof TICKET_FAILURES)[keyof typeof TICKET_FAILURES];
