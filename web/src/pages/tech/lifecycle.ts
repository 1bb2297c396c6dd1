import type { WorkOrder, WorkOrderStatus } from '../../api/types';

/** The moves a technician makes from each status (the server decides; this only draws buttons). */
const TECH_NEXT: Partial<Record<WorkOrderStatus, WorkOrderStatus[]>> = {
  dispatched: ['en_route', 'on_site'],
  en_route: ['on_site'],
  on_site: ['completed'],
  completed: ['signed_off'],
};

export function techMoves(status: WorkOrderStatus): WorkOrderStatus[] {
  return TECH_NEXT[status] ?? [];
}

/** Why completion would be refused, if it would be (mirrors domain/work-order). */
export function completionBlocker(job: WorkOrder): string | null {
  const open = job.checklist.filter((item) => !item.done);
  if (open.length > 0) return `Checklist: ${open.length} item(s) open`;
  if (!job.signature && !job.signatureWaivedReason) return 'Customer signature needed';
  return null;
}

/** The local picture of a status change until the server answers. */
export function withStatus(job: WorkOrder, status: WorkOrderStatus, at = new Date().toISOString()): WorkOrder {
  return {
    ...job,
    status,
    nextStatuses: techMoves(status),
    ...(status === 'on_site' && { arrivedAt: at }),
    ...(status === 'completed' && { completedAt: at }),
    ...(status === 'signed_off' && { signedOffAt: at }),
  };
}
