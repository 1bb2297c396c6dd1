import type { WorkOrderStatus } from '../api/types';

/** A work order's status as the dispatcher and the technician read it. */
export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  created: 'Created', scheduled: 'Scheduled', dispatched: 'Dispatched', en_route: 'En route', on_site: 'On site',
  completed: 'Completed', signed_off: 'Signed off', cancelled: 'Cancelled', on_hold: 'On hold',
};
