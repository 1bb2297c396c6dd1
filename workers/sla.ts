import { fileURLToPath } from 'node:url';
import type { Worker } from '@temporalio/worker';
import { createSlaActivities } from '../activities/sla-records';
import type { Db } from '../db/connection';
import { createWorkflowWorker, type WorkflowWorkerBase } from './workflow-source';
import { taskQueueFor } from '../workflows/task-queues';

export const SLA_WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/sla-index.ts', import.meta.url));

/**
 * The `sla` bundle holds only the per-ticket clock workflow: every cached workflow instantiates
 * every module its bundle's entry imports, so a clock in the full bundle carried the ticket,
 * rules, work-order and dispatch code too. Its pure modules are preloaded into the worker's
 * shared context, as the core bundle's are (see PRELOADED_WORKFLOW_MODULES in workers/core.ts).
 */
export const SLA_WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: SLA_WORKFLOWS_PATH,
  preloadModules: [
    ...['calendar', 'sla'].map((area) => fileURLToPath(new URL(`../domain/${area}/index.ts`, import.meta.url))),
    '@temporalio/common',
  ],
};

/** A prebuilt `workflowBundle` of SLA_WORKFLOW_BUNDLE_OPTIONS, or it is bundled now. */
export interface SlaWorkerOptions extends WorkflowWorkerBase {
  /** The base task queue (`KEEL_TASK_QUEUE`); this worker polls its `sla` queue. */
  baseTaskQueue: string;
  db: Db;
  /** With a relay for email notifications, an SLA warning's email copy waits for the mailer. */
  notifySmtpUrl?: string;
}

/** The `sla` task queue: per-ticket SLA clocks and the activity that records them. */
export async function createSlaWorker(options: SlaWorkerOptions): Promise<Worker> {
  return createWorkflowWorker(options, {
    taskQueue: taskQueueFor(options.baseTaskQueue, 'sla'), bundle: SLA_WORKFLOW_BUNDLE_OPTIONS, activities: createSlaActivities(options.db, { mail: Boolean(options.notifySmtpUrl) }),
  });
}
