import type { EmailDeps } from '../../channels/email/settings';
import { createEmailDeliveryActivities } from './delivery';
import { createImapActivities } from './imap';

/** The email channel's activities: sending a ticket's mail and polling IMAP mailboxes. */
export function createEmailActivities(deps: EmailDeps) {
  return { ...createEmailDeliveryActivities(deps), ...createImapActivities(deps) };
}
