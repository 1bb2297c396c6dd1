/** Work-order statuses and the lifecycle that connects them. */
export const WORK_ORDER_STATUSES = [
  'created',
  'scheduled',
  'dispatched',
  'en_route',
  'on_site',
  'completed',
  'signed_off',
  'cancelled',
  'on_hold',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_SOURCES = ['direct', 'ticket', 'maintenance'] as const;
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];

/** A work order that reached one of these never changes again; its workflow ends. */
export const FINAL_STATUSES: readonly WorkOrderStatus[] = ['signed_off', 'cancelled'];

export function isFinal(status: WorkOrderStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Statuses a work order may be put on hold from (and return to when resumed). */
export const HOLDABLE: readonly WorkOrderStatus[] = ['created', 'scheduled', 'dispatched', 'en_route', 'on_site'];

/** Statuses from which a work order may still be cancelled: nobody has finished work on it. */
export const CANCELLABLE: readonly WorkOrderStatus[] = ['created', 'scheduled', 'dispatched', 'en_route', 'on_hold'];

export function isWorkOrderStatus(value: unknown): value is WorkOrderStatus {
  return typeof value === 'string' && (WORK_ORDER_STATUSES as readonly string[]).includes(value);
}
