/**
 * Keel's task queues, each served by its own pool of workers (`keel worker --queues …`).
 * They derive from one base name (`KEEL_TASK_QUEUE`, `core` by default) so that a test or a
 * benchmark that picks its own base gets a whole set of its own.
 */
export const QUEUE_ROLES = ['core', 'sla', 'optimizer', 'email'] as const;

export type QueueRole = (typeof QUEUE_ROLES)[number];

/** `core` is the base itself (ticket, work-order and dispatch workflows); the rest are suffixed. */
export function taskQueueFor(base: string, role: QueueRole): string {
  return role === 'core' ? base : `${base}-${role}`;
}
