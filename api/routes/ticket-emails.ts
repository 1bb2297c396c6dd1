import { z } from 'zod';
import { findTicketAttachment, listTicketEmails, type TicketEmailAttachmentRow, type TicketEmailRow } from '../../db/ticket-emails';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { runningEmailChannel } from '../email/running-channel';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { TicketEmailSchema } from '../schemas/mailboxes';
import { TicketNumberParams } from '../schemas/tickets';

function emailView(message: TicketEmailRow, attachments: readonly TicketEmailAttachmentRow[]): z.infer<typeof TicketEmailSchema> {
  return {
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
    attachments: attachments
      .filter((attachment) => attachment.message_id === message.message_id)
      .map((attachment) => ({
        id: attachment.id, filename: attachment.filename, contentType: attachment.content_type, size: attachment.size,
        inline: attachment.inline, stored: attachment.storage_key !== null, refused: attachment.refused,
      })),
  };
}

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.readTickets });

/** The email side of tickets: the messages in and out, and their attachments as downloads. */
export function ticketEmailRoutes(deps: ApiDeps) {
  const { db } = deps;

  const ticketEmails = tickets.get('/tickets/{number}/emails', {
    operationId: 'listTicketEmails', summary: "The ticket's emails, in and out: sanitised HTML, quoted history, attachments, delivery state",
    params: TicketNumberParams,
    responses: { 200: { description: 'Emails, oldest first', schema: z.object({ data: z.array(TicketEmailSchema) }) } },
    async handler({ auth, params }) {
      const result = await withTenant(db, auth, (trx) => listTicketEmails(trx, auth.orgId, params.number));
      if (!result) throw notFound(`Ticket #${params.number}`);
      return { status: 200, body: { data: result.messages.map((message) => emailView(message, result.attachments)) } };
    },
  });

  const download = tickets.get('/tickets/{number}/attachments/{id}', {
    operationId: 'getTicketAttachment', summary: 'Download an email attachment of the ticket',
    params: TicketNumberParams.extend({ id: z.uuid() }),
    responses: { 200: { description: 'The file (served as a download, never rendered inline)' } },
    async handler({ auth, params }) {
      const channel = runningEmailChannel(deps);
      const attachment = await withTenant(db, auth, (trx) => findTicketAttachment(trx, auth.orgId, params.number, params.id));
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

  return [ticketEmails, download];
}
