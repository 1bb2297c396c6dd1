import type { WorkOrderPriority, WorkOrderSource } from './status';

/** Everything needed to open a work order: the input of a new work-order workflow. */
export interface NewWorkOrder {
  orgId: string;
  number: number;
  title: string;
  description: string;
  priority: WorkOrderPriority;
  source: WorkOrderSource;
  ticketNumber: number | null;
  assetId: string | null;
  planId: string | null;
  /** Labels of the checklist items, in order. */
  checklist: string[];
  requiredSkills: string[];
  durationMinutes: number;
  /** Solve the linked ticket when the work order is signed off. */
  solveTicketOnSignOff: boolean;
  /** The member who opened it, or null for a maintenance schedule. */
  actorId: string | null;
}
