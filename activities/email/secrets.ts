/**
 * Mailbox credentials at rest: sealed with the shared AES-256-GCM box (`db/secret-box.ts`)
 * under `KEEL_MAIL_KEY`, bound to the mailbox they belong to.
 */
export { SecretBox as MailSecrets } from '../../db/secret-box';
