import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createDispatchActivities } from '../activities/dispatch';
import { createFieldServiceActivities } from '../activities/field-service';
import { createRuleActivities } from '../activities/rules/evaluate-ticket-rules';
import { createRuleEffectActivities } from '../activities/rules/rule-effects';
import { createSlaActivities } from '../activities/sla-records';
import { createTicketRecordActivities } from '../activities/ticket-records';
import type { Db } from '../db/connection';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CoreWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  dataConverter: DataConverter;
  /** A prebuilt bundle (tests bundle once per run); otherwise the workflows are bundled now. */
  workflowBundle?: { code: string };
  /** The email channel's activities (ticket mail, IMAP polling), when this worker runs them. */
  emailActivities?: object;
}

/** The `core` task queue: ticket workflows and the activities that write their records. */
export async function createCoreWorker(options: CoreWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: WORKFLOWS_PATH };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflows,
    dataConverter: options.dataConverter,
    activities: { ...createTicketRecordActivities(options.db), ...createSlaActivities(options.db), ...createRuleActivities(options.db), ...createRuleEffectActivities(options.db, { notifySmtpUrl: process.env.KEEL_NOTIFY_SMTP_URL }), ...createFieldServiceActivities(options.db), ...createDispatchActivities(options.db), ...options.emailActivities },
  });
}
