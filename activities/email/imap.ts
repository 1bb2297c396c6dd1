import { ApplicationFailure, Context } from '@temporalio/activity';
import { pollImapMailbox, type PollInput, type PollResult } from '../../channels/email/imap-poll';
import type { EmailDeps } from '../../channels/email/settings';
import { OutboundRefused } from '../../outbound/guarded-resolve';

export type { PollInput, PollResult } from '../../channels/email/imap-poll';

/**
 * The IMAP poll as a durable activity (the mailbox workflow runs one session after another):
 * the session is the email channel's (`channels/email/imap-poll.ts`); this gives it the
 * activity's heartbeat and cancellation. A host the outbound guard refuses fails the poll for
 * good: retrying would not change the answer, and the mailbox's next settings change starts
 * polling again.
 */
export function createImapActivities(deps: EmailDeps) {
  return {
    async pollImapMailbox(input: PollInput): Promise<PollResult> {
      const context = Context.current();
      try {
        return await pollImapMailbox(deps, input, { heartbeat: (details) => context.heartbeat(details), signal: context.cancellationSignal });
      } catch (error) {
        if (error instanceof OutboundRefused) throw ApplicationFailure.nonRetryable(error.message, 'OutboundRefused');
        throw error;
      }
    },
  };
}

export type ImapActivities = ReturnType<typeof createImapActivities>;
