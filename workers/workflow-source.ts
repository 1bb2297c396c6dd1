import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { withDataFailuresFinal } from '../db/failure-classes';
import { workerClassFor, type WorkflowThreads } from './lean-worker';

/** How a bundle is built: its entry and the pure modules preloaded into the shared context. */
export interface BundleOptions {
  workflowsPath: string;
  preloadModules: string[];
}

/**
 * Where a worker's workflow code comes from: a prebuilt bundle (tests and `KEEL_*_BUNDLE`
 * bundle once), or its entry, bundled at worker start with the same preloaded modules.
 */
export function workflowSource(
  bundle: { code: string } | undefined,
  options: BundleOptions,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  return bundle
    ? { workflowBundle: bundle }
    : { workflowsPath: options.workflowsPath, bundlerOptions: { preloadModules: options.preloadModules } };
}

/** Where a worker of workflows connects, and what it may be given: a prebuilt bundle, a cache size, its threads. */
export interface WorkflowWorkerBase {
  connection: NativeConnection;
  namespace: string;
  dataConverter: DataConverter;
  workflowBundle?: { code: string };
  maxCachedWorkflows?: number;
  /** Keel's lean workflow threads unless `sdk` (workers/lean-worker.ts). */
  workflowThreads?: WorkflowThreads;
}

/** A worker running one bundle's workflows on `taskQueue`, with its activities (data failures final). */
export function createWorkflowWorker(
  options: WorkflowWorkerBase,
  queue: { taskQueue: string; bundle: BundleOptions; activities: object },
): Promise<Worker> {
  return workerClassFor(options.workflowThreads).create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: queue.taskQueue,
    ...workflowSource(options.workflowBundle, queue.bundle),
    ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    dataConverter: options.dataConverter,
    activities: withDataFailuresFinal(queue.activities),
  });
}
