import { createEmailDeliveryActivities } from './delivery';
import { createImapActivities } from './imap';
import type { EmailDeps } from './settings';

export type { EmailDeps, EmailSettings } from './settings';
export { DEFAULT_EMAIL_SETTINGS } from './settings';

/** The email channel's activities: sending a ticket's mail and polling IMAP mailboxes. */
export function createEmailActivities(deps: EmailDeps) {
  return { ...createEmailDeliveryActivities(deps), ...createImapActivities(deps) };
}
