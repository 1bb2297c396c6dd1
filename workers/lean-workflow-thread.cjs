// The workflow thread of a LeanWorker (workers/lean-worker.ts): the SDK's own thread entry,
// after one change to its global handlers. The SDK's promise hook builds an Error, formats its
// stack and maps it through the bundle's source map for every promise a workflow creates, for
// the `__stack_trace` query alone; the profiles in bench/README.md put it at 16–33 % of this
// thread's time. Without it the query answers that stack traces are off; nothing else reads it.
'use strict';
const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared');

if (typeof globalHandlers?.setPromiseHook !== 'function' || globalHandlers.installed) {
  throw new Error('@temporalio/worker changed its workflow-thread internals: workers/lean-workflow-thread.cjs no longer applies (see bench/README.md, "lean workflow threads")');
}
globalHandlers.setPromiseHook = function noPromiseHook() {};

require('@temporalio/worker/lib/workflow/workflow-worker-thread');
