import { ActivityFailure, ApplicationFailure, continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { ImapActivities } from '../activities/email/imap';
import { BOUNDED_ACTIVITY_RETRY } from './retry-policies';

export interface MailboxPollInput {
  orgId: string;
  mailboxId: string;
  /** How long each IMAP session listens (IDLE) before the next one. */
  listenMs: number;
}

export const mailboxWorkflowId = (orgId: string, mailboxId: string) => `${orgId}/mailbox/${mailboxId}`;

const SESSIONS_PER_RUN = 100;
const FAILED_SESSION_PAUSE = '15 minutes';

/**
 * One IMAP mailbox, polled for as long as it exists: each session is a heartbeating activity
 * that imports new mail and idles; a dead worker's session is retried on another. Ends when
 * the mailbox is deleted or switched to SMTP.
 */
export async function mailboxPollWorkflow(input: MailboxPollInput): Promise<void> {
  const { pollImapMailbox } = proxyActivities<ImapActivities>({
    startToCloseTimeout: input.listenMs + 5 * 60_000,
    heartbeatTimeout: '30 seconds',
    retry: { ...BOUNDED_ACTIVITY_RETRY, initialInterval: '2 seconds', maximumInterval: '5 minutes' },
  });
  for (let session = 0; session < SESSIONS_PER_RUN; session++) {
    // A mailbox down for longer than the retries stays polled, after a pause: the failure is
    // in the activity's history, and the workflow never wedges on one session. A refusal that
    // no retry can change (a host the outbound guard refuses) ends polling until the
    // mailbox's settings change and start it again.
    const result = await pollImapMailbox(input).catch((error: unknown) => {
      if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) throw error;
      log.warn('mailbox session failed after its retries', { mailboxId: input.mailboxId, error: String(error) });
      return null;
    });
    if (result?.stop) return;
    if (!result) await sleep(FAILED_SESSION_PAUSE);
  }
  await continueAsNew<typeof mailboxPollWorkflow>(input);
}
