import { z } from 'zod';
import { PageQuery, page } from './common';

export const RejectedMailSchema = z
  .object({
    id: z.uuid(),
    mailboxId: z.uuid(),
    messageId: z.string(),
    source: z.enum(['smtp', 'imap']),
    envelopeFrom: z.string().nullable(),
    from: z.string().nullable(),
    subject: z.string(),
    size: z.number(),
    reason: z.string(),
    receivedAt: z.string(),
    retriedAt: z.string().nullable(),
    retries: z.number(),
  })
  .meta({ id: 'RejectedMail' });

export const RejectedMailPage = page(RejectedMailSchema);
export const RejectedMailQuery = z.object(PageQuery);
export const RejectedMailIdParams = z.object({ id: z.uuid() });

export const RetriedMailSchema = z
  .object({
    ingested: z.literal(true),
    outcome: z.enum(['ticket', 'reply', 'duplicate', 'bounce']),
    ticketNumber: z.number().nullable(),
  })
  .meta({ id: 'RetriedMail' });
