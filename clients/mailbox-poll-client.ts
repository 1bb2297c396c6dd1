import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { mailboxPollWorkflow, mailboxWorkflowId } from '../workflows/mailbox';
import { EntityType, OrgId } from '../workflows/search-attributes';
import { taskQueueFor } from '../workflows/task-queues';

export interface MailboxPollClientDeps {
  temporal: Client;
  /** The base task queue; polling runs on its own pool (`keel worker --queues email`). */
  taskQueue: string;
}

/** A mailbox as its poller needs it: which one, and whether it is fetched over IMAP. */
export interface PolledMailbox {
  orgId: string;
  mailboxId: string;
  imap: boolean;
}

/** The only code that knows the mailbox poll workflow's id and how it starts. */
export function mailboxPollClient(deps: MailboxPollClientDeps) {
  return {
    /**
     * Keeps a mailbox's IMAP polling workflow in step with its settings: stops it when the
     * mailbox no longer polls (or must restart with new settings), starts it when it does.
     * Starting is idempotent by workflow id.
     */
    async sync(mailbox: PolledMailbox, options: { restart: boolean; listenMs: number }): Promise<void> {
      const workflowId = mailboxWorkflowId(mailbox.orgId, mailbox.mailboxId);
      if (options.restart || !mailbox.imap) {
        await deps.temporal.workflow.getHandle(workflowId).terminate('mailbox settings changed').catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
      }
      if (!mailbox.imap) return;
      await deps.temporal.workflow.start(mailboxPollWorkflow, {
        workflowId,
        taskQueue: taskQueueFor(deps.taskQueue, 'email'),
        args: [{ orgId: mailbox.orgId, mailboxId: mailbox.mailboxId, listenMs: options.listenMs }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [{ key: OrgId, value: mailbox.orgId }, { key: EntityType, value: 'mailbox' }],
      });
    },
  };
}
