import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import type { AccessTokenConfig } from './auth/access-tokens';
import type { LoginLimits } from './auth/login-limiter';
import type { TicketWorkflowOptions } from '../domain/ticket/workflow-options';
import type { EmailDeps } from '../channels/email/settings';
import type { InvitationMailer } from './invitations/mailer';
import type { SecretBox } from '../db/secret-box';
import type { SystemMailer } from '../outbound/system-mail';
import type { SignupLimits } from './auth/signup-limiter';

/** Everything a route needs, passed in once when the app is built. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  accessTokens: AccessTokenConfig;
  refreshTokenTtlSeconds: number;
  loginLimits?: Partial<LoginLimits>;
  signupLimits?: Partial<SignupLimits>;
  /** Seals TOTP secrets at rest (the box and key that seal mailbox passwords). */
  secrets: SecretBox;
  /** Sends sign-up confirmations (or logs their link when no SMTP relay is configured). */
  accountMail: SystemMailer;
  /** The console's public URL: links in account mail, and Secure cookies when it is https. */
  publicUrl: string;
  ticketOptions: TicketWorkflowOptions;
  /** Built console to serve at `/`, when there is one. */
  webRoot: string | null;
  temporalUiUrl: string | null;
  /** The email channel (mailboxes, ticket emails), when this process runs it. */
  email?: EmailDeps & { imapListenMs: number };
  /** How invitation links are mailed, and the console URL they point at. */
  invitations: { mailer: InvitationMailer; publicUrl: string };
}
