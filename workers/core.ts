import { fileURLToPath } from 'node:url';
import type { Worker } from '@temporalio/worker';
import { createDispatchActivities } from '../activities/dispatch';
import { createFieldServiceActivities } from '../activities/field-service';
import { createScheduledReportActivities } from '../activities/scheduled-report';
import { reportMailerFromEnv } from '../activities/work-order-report';
import { createRuleActivities } from '../activities/rules/evaluate-ticket-rules';
import { createRuleEffectActivities } from '../activities/rules/rule-effects';
import { createSlaActivities } from '../activities/sla-records';
import { createTicketRecordActivities } from '../activities/ticket-records';
import { createTriageActivities } from '../activities/ai/triage-ticket';
import { createTicketTriager } from '../activities/ai/ticket-triager';
import { createTrainingActivities } from '../activities/ai/train-org-models';
import type { Db } from '../db/connection';
import { createWorkflowWorker, type WorkflowWorkerBase } from './workflow-source';
import type { OutboundPolicy } from '../domain/network/address-policy';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Modules loaded once into the worker's shared workflow context instead of once per workflow
 * (the SDK deep-freezes their exports). Only pure modules belong here: no per-workflow state,
 * no workflow APIs. Every workflow instantiates every module the bundle's entry imports, so an
 * SLA clock would otherwise carry its own copy of the routing optimizer; and the time-zone table
 * is a pure cache every clock would otherwise rebuild. `@temporalio/common` (failure classes,
 * converters, time helpers) holds no workflow state either: the per-workflow runtime lives in
 * `@temporalio/workflow`, which stays per workflow. The workflow and replay tests bundle with
 * this same list.
 */
export const PRELOADED_WORKFLOW_MODULES = [
  ...['calendar', 'sla', 'ticket', 'rules', 'work-order', 'dispatch', 'routing'].map((area) =>
    fileURLToPath(new URL(`../domain/${area}/index.ts`, import.meta.url))),
  '@temporalio/common',
];

/** How every Keel workflow bundle is built: the worker's, the tests' and the benchmarks'. */
export const WORKFLOW_BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, preloadModules: PRELOADED_WORKFLOW_MODULES };

/** A prebuilt `workflowBundle` (tests bundle once per run), or the workflows are bundled now. */
export interface CoreWorkerOptions extends WorkflowWorkerBase {
  taskQueue: string;
  db: Db;
  /** The email channel's activities (ticket mail, IMAP polling), when this worker runs them. */
  emailActivities?: object;
  /** SMTP URL for email notifications (rules' and the notification centre's); without it they are stored as skipped. */
  notifySmtpUrl?: string;
  /** Where rule webhooks may connect (see `outbound/`); private networks refused when absent. */
  outbound?: OutboundPolicy;
  /** The activities to register instead of `coreActivities(options)` (tests swap one in). */
  activities?: CoreActivities;
}

/** The `core` task queue: ticket workflows and the activities that write their records. */
export async function createCoreWorker(options: CoreWorkerOptions): Promise<Worker> {
  return createWorkflowWorker(options, {
    taskQueue: options.taskQueue, bundle: WORKFLOW_BUNDLE_OPTIONS, activities: options.activities ?? coreActivities(options),
  });
}

/** The activities a `core` worker registers, each built by its factory. */
export function coreActivities(options: Pick<CoreWorkerOptions, 'db' | 'notifySmtpUrl' | 'outbound' | 'emailActivities'>) {
  // One model cache for the creation's triage and the triage activity.
  const triager = createTicketTriager();
  return {
    // With a relay, the email copies of ticket notifications wait for the mailer (workers/notification-mailer.ts).
    ...createTicketRecordActivities(options.db, triager, { mail: Boolean(options.notifySmtpUrl) }),
    ...createSlaActivities(options.db, { mail: Boolean(options.notifySmtpUrl) }),
    ...createRuleActivities(options.db),
    ...createRuleEffectActivities(options.db, { notifySmtpUrl: options.notifySmtpUrl, outbound: options.outbound }),
    ...createFieldServiceActivities(options.db),
    ...createDispatchActivities(options.db),
    // Scheduled reports mail through the service reports' relay (KEEL_REPORT_SMTP_URL).
    ...createScheduledReportActivities(options.db, { mailer: reportMailerFromEnv() }),
    ...createTriageActivities(options.db, triager),
    ...createTrainingActivities(options.db),
    ...options.emailActivities,
  };
}

export type CoreActivities = ReturnType<typeof coreActivities>;
