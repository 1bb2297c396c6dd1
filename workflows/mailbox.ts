import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ImapActivities } from '../activities/email/imap';

export interface MailboxPollInput {
  orgId: string;
  mailboxId: string;
  /** How long each IMAP session listens (IDLE) before the next one. */
  listenMs: number;
}

export const mailboxWorkflowId = (orgId: string, mailboxId: string) => `${orgId}/mailbox/${mailboxId}`;

const SESSIONS_PER_RUN = 100;

/**
 * One IMAP mailbox, polled for as long as it exists: each session is a heartbeating activity
 * that imports new mail and idles; a dead worker's session is retried on another. Ends when
 * the mailbox is deleted or switched to SMTP.
 */
export async function mailboxPollWorkflow(input: MailboxPollInput): Promise<void> {
  const { pollImapMailbox } = proxyActivities<ImapActivities>({
    startToCloseTimeout: input.listenMs + 5 * 60_000,
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  for (let session = 0; session < SESSIONS_PER_RUN; session++) {
    const result = await pollImapMailbox(input);
    if (result.stop) return;
  }
  await continueAsNew<typeof mailboxPollWorkflow>(input);
}
