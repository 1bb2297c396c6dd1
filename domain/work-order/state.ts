import type { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './status';

export interface ChecklistItem {
  id: string;
  label: string;
  done: boolean;
  note: string | null;
}

export interface PartLine {
  /** Chosen by the client (one per line it records): the same line twice is applied once. */
  lineId: string;
  itemId: string;
  locationId: string;
  quantity: number;
}

/** The live state a work-order workflow holds. */
export interface WorkOrderState {
  orgId: string;
  number: number;
  title: string;
  status: WorkOrderStatus;
  /** The status a work order on hold returns to when resumed. */
  heldFrom: WorkOrderStatus | null;
  priority: WorkOrderPriority;
  source: WorkOrderSource;
  ticketNumber: number | null;
  assetId: string | null;
  technicianId: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  etaAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  signedOffAt: string | null;
  timeOnSiteSeconds: number | null;
  checklist: ChecklistItem[];
  parts: PartLine[];
  noteIds: string[];
  photoIds: string[];
  signature: { attachmentId: string; signerName: string } | null;
  signatureWaived: { reason: string; by: string | null } | null;
  /** Sequence number of the last accepted change; the next change is `version + 1`. */
  version: number;
}

export function workOrderWorkflowId(orgId: string, number: number): string {
  return `${orgId}/wo/${number}`;
}
