import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { QUEUE_ROLES, taskQueueFor, type QueueRole } from '../workflows/task-queues';
import { WORKFLOW_BUNDLE_OPTIONS, createCoreWorker, type CoreWorkerOptions } from './core';
import { createOptimizerWorker } from './optimizer';
import { createSlaWorker } from './sla';
import { workerClassFor } from './lean-worker';

export interface WorkerPoolOptions extends Omit<CoreWorkerOptions, 'taskQueue'> {
  /** The base task queue name: `core` itself, the other roles derive from it. */
  baseTaskQueue: string;
  /** What this process runs (`keel worker --queues …`); every role by default. */
  roles?: readonly QueueRole[];
  /** A prebuilt bundle of the SLA clocks (`workers/sla.ts`); otherwise bundled now. */
  slaWorkflowBundle?: { code: string };
}

/** Parses `--queues core,sla`: known roles only, at least one. */
export function parseQueueRoles(list: string): QueueRole[] {
  const roles = list.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !(QUEUE_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new Error(`--queues takes a comma-separated list of ${QUEUE_ROLES.join(', ')}; got "${list}".`);
  }
  return [...new Set(roles)] as QueueRole[];
}

/**
 * One worker per role this process runs, each polling its own task queue, so each pool scales
 * on its own (`temporal-compose.yml` runs them as separate services; `npm start` runs all of
 * them here). Workflow roles share one bundle, built once.
 * The `sla` role has a bundle of its own (the per-ticket clock only).
 */
export async function createWorkerPools(options: WorkerPoolOptions): Promise<{ role: QueueRole; taskQueue: string; worker: Worker }[]> {
  const roles = options.roles ?? QUEUE_ROLES;
  const needsBundle = roles.includes('core') || roles.includes('email');
  const workflowBundle = options.workflowBundle ?? (needsBundle ? await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS) : undefined);
  const pools: { role: QueueRole; taskQueue: string; worker: Worker }[] = [];
  for (const role of roles) {
    const taskQueue = taskQueueFor(options.baseTaskQueue, role);
    const worker = await createRoleWorker(role, taskQueue, { ...options, ...(workflowBundle && { workflowBundle }) });
    if (worker) pools.push({ role, taskQueue, worker });
  }
  return pools;
}

async function createRoleWorker(role: QueueRole, taskQueue: string, options: WorkerPoolOptions): Promise<Worker | null> {
  switch (role) {
    case 'core':
      return createCoreWorker({ ...options, taskQueue });
    case 'optimizer':
      return createOptimizerWorker({ connection: options.connection, namespace: options.namespace, taskQueue, dataConverter: options.dataConverter });
    case 'email':
      // Mailbox polling: the mailbox workflows and their IMAP sessions (long, heartbeating).
      return workerClassFor(options.workflowThreads).create({
        connection: options.connection,
        namespace: options.namespace,
        taskQueue,
        dataConverter: options.dataConverter,
        ...(options.workflowBundle && { workflowBundle: options.workflowBundle }),
        maxCachedWorkflows: 200,
        activities: { ...options.emailActivities },
      });
    case 'sla':
      return createSlaWorker({
        connection: options.connection,
        namespace: options.namespace,
        baseTaskQueue: options.baseTaskQueue,
        db: options.db,
        dataConverter: options.dataConverter,
        ...(options.slaWorkflowBundle && { workflowBundle: options.slaWorkflowBundle }),
        ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
        ...(options.workflowThreads && { workflowThreads: options.workflowThreads }),
        ...(options.notifySmtpUrl && { notifySmtpUrl: options.notifySmtpUrl }),
      });
  }
}
