/** Failure types the work-order workflow answers with; the API maps each to a problem. */
export const WORK_ORDER_FAILURES = {
  work_order_closed: 'WorkOrderClosed',
  invalid_transition: 'WorkOrderInvalidTransition',
  invalid_command: 'WorkOrderInvalidCommand',
  checklist_incomplete: 'ChecklistIncomplete',
  signature_required: 'SignatureRequired',
  unknown_technician: 'UnknownTechnician',
  unknown_part: 'UnknownPart',
  insufficient_stock: 'InsufficientStock',
  unknown_attachment: 'UnknownAttachment',
} as const;
export type WorkOrderFailureType = (typeof WORK_ORDER_FAILURES)[keyof typeof WORK_ORDER_FAILURES];
