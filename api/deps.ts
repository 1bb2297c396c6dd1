import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import type { AccessTokenConfig } from './auth/access-tokens';
import type { LoginLimits } from './auth/login-limiter';
import type { TicketWorkflowOptions } from '../workflows/ticket';
import type { EmailDeps } from '../activities/email/settings';
import type { InvitationMailer } from './invitations/mailer';

/** Everything a route needs, passed in once when the app is built. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  accessTokens: AccessTokenConfig;
  refreshTokenTtlSeconds: number;
  loginLimits?: LoginLimits;
  ticketOptions: TicketWorkflowOptions;
  /** Built console to serve at `/`, when there is one. */
  webRoot: string | null;
  temporalUiUrl: string | null;
  /** The email channel (mailboxes, ticket emails), when this process runs it. */
  email?: EmailDeps & { imapListenMs: number };
  /** How invitation links are mailed, and the console URL they point at. */
  invitations: { mailer: InvitationMailer; publicUrl: string };
}
