import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createDispatchOptimizerActivities } from '../activities/dispatch-optimizer';

export interface OptimizerWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataConverter: DataConverter;
}

/**
 * The `optimizer` task queue: the routing search, and nothing else. Each run is searched in a
 * worker thread (see `activities/dispatch-optimizer.ts`); two at a time per process, because
 * each keeps a core busy for its whole time limit.
 */
export async function createOptimizerWorker(options: OptimizerWorkerOptions): Promise<Worker> {
  const { optimizeDispatch } = createDispatchOptimizerActivities();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: { optimizeDispatch },
    maxConcurrentActivityTaskExecutions: 2,
  });
}
