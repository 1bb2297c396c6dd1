import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { createDispatchCommitActivities } from './dispatch-commit';
import { createDispatchOptimizerActivities } from './dispatch-optimizer';
import { createDispatchRecordActivities } from './dispatch-records';

/**
 * Every activity of the dispatch workflow. Committing a plan talks to work-order workflows
 * through a Temporal client: the worker's own (from the activity context) unless one is given.
 */
export function createDispatchActivities(db: Db, options: { client?: Client } = {}) {
  return { ...createDispatchRecordActivities(db), ...createDispatchOptimizerActivities(), ...createDispatchCommitActivities(db, options) };
}

export type DispatchActivities = ReturnType<typeof createDispatchActivities>;
