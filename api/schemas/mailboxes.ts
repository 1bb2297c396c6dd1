import { z } from 'zod';
import { DEFAULT_ACK_BODY, DEFAULT_ACK_SUBJECT } from '../../domain/email/index';
import { Email } from './common';

const Tls = z.enum(['implicit', 'starttls', 'none']);
const Host = z.string().trim().min(1).max(253);
const Port = z.number().int().min(1).max(65535);
/** Write-only: a new password, null to clear it, absent to keep it. */
const Password = z.string().min(1).max(1000).nullable().optional();

export const ImapInput = z.object({
  host: Host, port: Port.default(993), tls: Tls.default('implicit'),
  username: z.string().min(1).max(320), password: Password, folder: z.string().min(1).max(200).default('INBOX'),
});
export const SmtpInput = z.object({
  host: Host, port: Port.default(587), tls: Tls.default('starttls'),
  username: z.string().min(1).max(320).nullable().default(null), password: Password,
});

const MailboxFields = {
  name: z.string().trim().min(1).max(120),
  address: Email,
  inboundMode: z.enum(['smtp', 'imap']),
  imap: ImapInput.nullable(),
  smtp: SmtpInput.nullable(),
  acknowledge: z.boolean(),
  ackSubject: z.string().min(1).max(300),
  ackBody: z.string().min(1).max(10_000),
};

export const CreateMailboxBody = z
  .object({
    ...MailboxFields,
    imap: MailboxFields.imap.default(null),
    smtp: MailboxFields.smtp.default(null),
    acknowledge: MailboxFields.acknowledge.default(true),
    ackSubject: MailboxFields.ackSubject.default(DEFAULT_ACK_SUBJECT),
    ackBody: MailboxFields.ackBody.default(DEFAULT_ACK_BODY),
  })
  .refine((body) => body.inboundMode !== 'imap' || body.imap !== null, { message: 'IMAP settings are required to poll IMAP.', path: ['imap'] });
export type CreateMailboxBody = z.infer<typeof CreateMailboxBody>;

export const PatchMailboxBody = z.object(MailboxFields).partial();
export type PatchMailboxBody = z.infer<typeof PatchMailboxBody>;

export const MailboxSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    inboundMode: z.enum(['smtp', 'imap']),
    imap: z.object({ host: z.string(), port: z.number(), tls: Tls, username: z.string(), folder: z.string(), hasPassword: z.boolean() }).nullable(),
    smtp: z.object({ host: z.string(), port: z.number(), tls: Tls, username: z.string().nullable(), hasPassword: z.boolean() }).nullable(),
    acknowledge: z.boolean(),
    ackSubject: z.string(),
    ackBody: z.string(),
    imapLastUid: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'Mailbox' });

export const MailboxIdParams = z.object({ id: z.uuid() });
export const TestMessageBody = z.object({ to: Email.optional() });

export const TicketEmailSchema = z
  .object({
    messageId: z.string(),
    direction: z.enum(['in', 'out']),
    status: z.string(),
    kind: z.string(),
    openedTicket: z.boolean(),
    from: z.string().nullable(),
    to: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    quoted: z.string(),
    html: z.string().nullable(),
    noise: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    attachments: z.array(z.object({
      id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number(), inline: z.boolean(), stored: z.boolean(), refused: z.string().nullable(),
    })),
  })
  .meta({ id: 'TicketEmail' });
