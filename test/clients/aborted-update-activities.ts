// The local activity of test/clients/aborted-update-workflows.ts.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';

/** Signals the calling workflow `ping`, so an event arrives while its workflow task runs. */
export function createPingActivities(client: Client) {
  return {
    async pingMe(): Promise<void> {
      const { workflowExecution } = Context.current().info;
      if (!workflowExecution) throw new Error('pingMe runs for a workflow');
      await client.workflow.getHandle(workflowExecution.workflowId).signal('ping');
    },
  };
}
