import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { secretContext, type MailboxRow } from '../../db/mailbox-row';
import { withTenant } from '../../db/tenant';
import { fromHeader, transportFor } from '../../outbound/smtp-transport';
import { mailboxPollClient } from '../../clients/mailbox-poll-client';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { smtpTestProblem } from '../email/smtp-test-problem';
import { Problem, notFound } from '../problem';
import { route } from '../route';
import { rejectedMailRoutes } from './rejected-mail';
import {
  CreateMailboxBody, MailboxIdParams, MailboxSchema, PatchMailboxBody, TestMessageBody, TicketEmailSchema,
} from '../schemas/mailboxes';
import { TicketNumberParams } from '../schemas/tickets';
import { recordAudit } from '../../db/audit';

type EmailApi = NonNullable<ApiDeps['email']>;

interface StoredMailbox extends MailboxRow {
  created_at: Date;
}

/** The API view of a mailbox: settings without secrets (only whether a password is set). */
function view(row: StoredMailbox): z.infer<typeof MailboxSchema> {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    inboundMode: row.inbound_mode,
    imap: row.imap ? { ...row.imap, hasPassword: row.imap_password_enc !== null } : null,
    smtp: row.smtp ? { ...row.smtp, hasPassword: row.smtp_password_enc !== null } : null,
    acknowledge: row.acknowledge,
    ackSubject: row.ack_subject,
    ackBody: row.ack_body,
    imapLastUid: Number(row.imap_last_uid),
    createdAt: row.created_at.toISOString(),
  };
}

const addressTaken = (address: string) =>
  new Problem(409, 'mailbox-address-taken', 'That address already belongs to a mailbox', { detail: `${address} is in use.`, errors: [{ pointer: '/address', message: 'Already in use.' }] });

const ADMIN = ['owner', 'admin'] as const;

interface EmailRow {
  message_id: string; direction: 'in' | 'out'; status: string; kind: string; opened_ticket: boolean; from_address: string | null;
  to_addresses: string[]; subject: string; text_body: string; quoted_text: string; html_body: string | null; noise: string | null;
  error: string | null; created_at: Date;
}

interface AttachmentRow {
  id: string; message_id: string; filename: string; content_type: string; size: number; inline: boolean; storage_key: string | null; refused: string | null;
}

/** Mailboxes (the email channel's configuration) and the email side of tickets. */
export function mailboxRoutes(deps: ApiDeps) {
  const { db } = deps;
  const email = (): EmailApi => {
    if (!deps.email) throw new Problem(503, 'email-disabled', 'The email channel is not running in this process');
    return deps.email;
  };

  const seal = (channel: EmailApi, mailbox: { org_id: string; id: string }, purpose: 'smtp' | 'imap', password: string | null | undefined) =>
    password === undefined ? undefined : password === null ? null : channel.secrets.encrypt(password, secretContext(mailbox, purpose));

  /** Keeps the mailbox's IMAP polling workflow in step with its settings. */
  const polling = mailboxPollClient(deps);
  const syncPolling = (channel: EmailApi, row: StoredMailbox, restart: boolean) =>
    polling.sync({ orgId: row.org_id, mailboxId: row.id, imap: row.inbound_mode === 'imap' }, { restart, listenMs: channel.imapListenMs });

  const load = (trx: Knex.Transaction, orgId: string, id: string) => trx('mailboxes').where({ org_id: orgId, id }).first<StoredMailbox | undefined>();

  const list = route({
    method: 'get', path: '/mailboxes', tag: 'mailboxes', access: ADMIN,
    operationId: 'listMailboxes',
    summary: "The organization's mailboxes (credentials are never returned)",
    responses: { 200: { description: 'Mailboxes', schema: z.object({ data: z.array(MailboxSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => trx('mailboxes').where('org_id', auth.orgId).orderBy('created_at').select<StoredMailbox[]>('*'));
      return { status: 200, body: { data: rows.map(view) } };
    },
  });

  const create = route({
    method: 'post', path: '/mailboxes', tag: 'mailboxes', access: ADMIN,
    operationId: 'createMailbox',
    summary: 'Add a mailbox: its address, how mail comes in (SMTP or IMAP polling) and how replies go out',
    body: CreateMailboxBody,
    responses: { 201: { description: 'Created', schema: MailboxSchema } },
    async handler({ auth, body }) {
      const channel = email();
      const key = { org_id: auth.orgId, id: randomUUID() };
      const row = await withTenant(db, auth, async (trx) => {
        const [inserted] = await trx('mailboxes')
          .insert({
            ...key,
            name: body.name,
            address: body.address,
            inbound_mode: body.inboundMode,
            imap: body.imap ? JSON.stringify({ host: body.imap.host, port: body.imap.port, tls: body.imap.tls, username: body.imap.username, folder: body.imap.folder }) : null,
            imap_password_enc: seal(channel, key, 'imap', body.imap?.password) ?? null,
            smtp: body.smtp ? JSON.stringify({ host: body.smtp.host, port: body.smtp.port, tls: body.smtp.tls, username: body.smtp.username }) : null,
            smtp_password_enc: seal(channel, key, 'smtp', body.smtp?.password) ?? null,
            acknowledge: body.acknowledge,
            ack_subject: body.ackSubject,
            ack_body: body.ackBody,
          })
          .onConflict('address').ignore()
          .returning<StoredMailbox[]>('*');
        if (!inserted) throw addressTaken(body.address);
        await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'mailbox.created', entityType: 'mailbox', entityId: key.id, data: { address: body.address } });
        return inserted;
      });
      await syncPolling(channel, row, false);
      return { status: 201, body: view(row), headers: { Location: `/api/v1/mailboxes/${row.id}` } };
    },
  });

  const show = route({
    method: 'get', path: '/mailboxes/{id}', tag: 'mailboxes', access: ADMIN,
    operationId: 'getMailbox',
    summary: 'One mailbox', params: MailboxIdParams,
    responses: { 200: { description: 'The mailbox', schema: MailboxSchema } },
    async handler({ auth, params }) {
      const row = await withTenant(db, auth, (trx) => load(trx, auth.orgId, params.id));
      if (!row) throw notFound('Mailbox');
      return { status: 200, body: view(row) };
    },
  });

  const patch = route({
    method: 'patch', path: '/mailboxes/{id}', tag: 'mailboxes', access: ADMIN,
    operationId: 'updateMailbox',
    summary: 'Change a mailbox; a password absent from the body is kept, null clears it',
    params: MailboxIdParams, body: PatchMailboxBody,
    responses: { 200: { description: 'The mailbox', schema: MailboxSchema } },
    async handler({ auth, params, body }) {
      const channel = email();
      const { row, restart } = await withTenant(db, auth, async (trx) => {
        const before = await load(trx, auth.orgId, params.id);
        if (!before) throw notFound('Mailbox');
        const imap = body.imap === undefined ? before.imap : body.imap;
        const mode = body.inboundMode ?? before.inbound_mode;
        if (mode === 'imap' && !imap) throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/imap', message: 'IMAP settings are required to poll IMAP.' }] });
        const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
        if (body.name !== undefined) changes.name = body.name;
        if (body.address !== undefined) changes.address = body.address;
        if (body.inboundMode !== undefined) changes.inbound_mode = body.inboundMode;
        if (body.acknowledge !== undefined) changes.acknowledge = body.acknowledge;
        if (body.ackSubject !== undefined) changes.ack_subject = body.ackSubject;
        if (body.ackBody !== undefined) changes.ack_body = body.ackBody;
        if (body.imap !== undefined) {
          changes.imap = body.imap ? JSON.stringify({ host: body.imap.host, port: body.imap.port, tls: body.imap.tls, username: body.imap.username, folder: body.imap.folder }) : null;
          const sealed = body.imap ? seal(channel, before, 'imap', body.imap.password) : null;
          if (sealed !== undefined) changes.imap_password_enc = sealed;
        }
        if (body.smtp !== undefined) {
          changes.smtp = body.smtp ? JSON.stringify({ host: body.smtp.host, port: body.smtp.port, tls: body.smtp.tls, username: body.smtp.username }) : null;
          const sealed = body.smtp ? seal(channel, before, 'smtp', body.smtp.password) : null;
          if (sealed !== undefined) changes.smtp_password_enc = sealed;
        }
        if (body.address !== undefined && body.address !== before.address) {
          const taken = await trx.raw<{ rows: unknown[] }>('SELECT 1 FROM email_mailbox_for_address(?)', [body.address]);
          if (taken.rows.length > 0) throw addressTaken(body.address);
        }
        let after: StoredMailbox | undefined;
        try {
          [after] = await trx('mailboxes').where({ org_id: auth.orgId, id: params.id }).update(changes).returning<StoredMailbox[]>('*');
        } catch (error) {
          if ((error as { code?: string }).code === '23505') throw addressTaken(body.address ?? before.address);
          throw error;
        }
        await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'mailbox.updated', entityType: 'mailbox', entityId: params.id, data: { fields: Object.keys(body) } });
        return { row: after!, restart: body.imap !== undefined || body.inboundMode !== undefined };
      });
      await syncPolling(channel, row, restart);
      return { status: 200, body: view(row) };
    },
  });

  const remove = route({
    method: 'delete', path: '/mailboxes/{id}', tag: 'mailboxes', access: ADMIN,
    operationId: 'deleteMailbox',
    summary: 'Delete a mailbox (its mail stays on its tickets); stops its IMAP polling',
    params: MailboxIdParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      const channel = email();
      const row = await withTenant(db, auth, async (trx) => {
        const found = await load(trx, auth.orgId, params.id);
        if (!found) throw notFound('Mailbox');
        await trx('mailboxes').where({ org_id: auth.orgId, id: params.id }).delete();
        await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'mailbox.deleted', entityType: 'mailbox', entityId: params.id, data: { address: found.address } });
        return found;
      });
      await syncPolling(channel, { ...row, inbound_mode: 'smtp' }, true);
      return { status: 204 };
    },
  });

  const test = route({
    method: 'post', path: '/mailboxes/{id}/test', tag: 'mailboxes', access: ADMIN,
    operationId: 'testMailbox',
    summary: "Send a test message through the mailbox's outbound SMTP (to the caller unless `to` is given)",
    params: MailboxIdParams, body: TestMessageBody,
    responses: { 200: { description: 'Sent', schema: z.object({ sent: z.literal(true), to: z.string(), messageId: z.string() }) } },
    async handler({ auth, params, body }) {
      const channel = email();
      const { row, me } = await withTenant(db, auth, async (trx) => ({
        row: await load(trx, auth.orgId, params.id),
        me: await trx('users').where('id', auth.userId).first<{ email: string } | undefined>('email'),
      }));
      if (!row) throw notFound('Mailbox');
      if (!row.smtp) throw new Problem(422, 'mailbox-no-outbound', 'The mailbox has no outbound SMTP settings');
      const to = body.to ?? me?.email;
      if (!to) throw new Problem(422, 'validation', 'No address to send to', { errors: [{ pointer: '/to', message: 'Required.' }] });
      try {
        const transport = await transportFor(row, channel.secrets, channel.outbound);
        const info = await transport.sendMail({
          from: fromHeader(row), to, subject: `Keel test message from ${row.name}`,
          text: `This is a test message from the Keel mailbox ${row.address}. Outbound mail works.`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        transport.close();
        return { status: 200, body: { sent: true as const, to, messageId: String(info.messageId).replace(/^<|>$/g, '') } };
      } catch (error) {
        throw smtpTestProblem(error);
      }
    },
  });

  const ticketEmails = route({
    method: 'get', path: '/tickets/{number}/emails', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'listTicketEmails',
    summary: "The ticket's emails, in and out: sanitised HTML, quoted history, attachments, delivery state",
    params: TicketNumberParams,
    responses: { 200: { description: 'Emails, oldest first', schema: z.object({ data: z.array(TicketEmailSchema) }) } },
    async handler({ auth, params }) {
      const result = await withTenant(db, auth, async (trx) => {
        const ticket = await trx('tickets').where({ org_id: auth.orgId, number: params.number }).first('number');
        if (!ticket) return null;
        const messages: EmailRow[] = await trx('email_messages').where({ org_id: auth.orgId, ticket_number: params.number }).orderBy('created_at').select('*');
        const attachments: AttachmentRow[] = messages.length === 0 ? [] : await trx('email_attachments')
          .where('org_id', auth.orgId).whereIn('message_id', messages.map((message) => message.message_id)).select('*');
        return { messages, attachments };
      });
      if (!result) throw notFound(`Ticket #${params.number}`);
      const data = result.messages.map((message) => ({
        messageId: message.message_id,
        direction: message.direction,
        status: message.status,
        kind: message.kind,
        openedTicket: message.opened_ticket,
        from: message.from_address,
        to: message.to_addresses,
        subject: message.subject,
        text: message.text_body,
        quoted: message.quoted_text,
        html: message.html_body,
        noise: message.noise,
        error: message.error,
        createdAt: message.created_at.toISOString(),
        attachments: result.attachments
          .filter((attachment) => attachment.message_id === message.message_id)
          .map((attachment) => ({
            id: attachment.id, filename: attachment.filename, contentType: attachment.content_type, size: attachment.size,
            inline: attachment.inline, stored: attachment.storage_key !== null, refused: attachment.refused,
          })),
      }));
      return { status: 200, body: { data } };
    },
  });

  const download = route({
    method: 'get', path: '/tickets/{number}/attachments/{id}', tag: 'tickets', access: ACCESS.readTickets,
    operationId: 'getTicketAttachment',
    summary: 'Download an email attachment of the ticket',
    params: TicketNumberParams.extend({ id: z.uuid() }),
    responses: { 200: { description: 'The file (served as a download, never rendered inline)' } },
    async handler({ auth, params }) {
      const channel = email();
      const attachment = await withTenant(db, auth, (trx) =>
        trx('email_attachments as a')
          .join('email_messages as m', function () { this.on('m.org_id', 'a.org_id').andOn('m.message_id', 'a.message_id'); })
          .where({ 'a.org_id': auth.orgId, 'a.id': params.id, 'm.ticket_number': params.number })
          .first<{ filename: string; content_type: string; storage_key: string | null } | undefined>('a.filename', 'a.content_type', 'a.storage_key'));
      if (!attachment?.storage_key) throw notFound('Attachment');
      const content = await channel.store.get(attachment.storage_key);
      if (!content) throw notFound('Attachment');
      const ascii = attachment.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return {
        status: 200,
        body: content,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
          'X-Original-Content-Type': attachment.content_type,
          'Content-Security-Policy': "default-src 'none'; sandbox",
        },
      };
    },
  });

  return [list, create, show, patch, remove, test, ticketEmails, download, ...rejectedMailRoutes(deps)];
}
