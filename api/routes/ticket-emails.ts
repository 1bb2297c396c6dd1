import { z } from 'zod';
import { findTicketAttachment, listTicketEmails, type TicketEmailAttachmentRow, type TicketEmailRow } from '../../db/ticket-emails';
import { withTenant } from '../../db/tenant';
import { findAgentAttachment } from '../../db/ticket-attachments';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { runningEmailChannel } from '../email/running-channel';
import { found, notFound } from '../problem';
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

/** Images browsers render without running anything (no SVG): shown inline; every other file is a download. */
const INLINE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function disposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** An agent's upload is served as its own type (checked when it was uploaded), sandboxed, never sniffed. */
function uploadHeaders(filename: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': disposition(INLINE_TYPES.includes(contentType) ? 'inline' : 'attachment', filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
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
    operationId: 'getTicketAttachment', summary: "Download an attachment of the ticket: an email's, or one an agent sent with a reply or note",
    params: TicketNumberParams.extend({ id: z.uuid() }),
    responses: { 200: { description: "The file: as a download, but for an agent's image of a type browsers render safely, which is shown inline" } },
    async handler({ auth, params }) {
      const channel = runningEmailChannel(deps);
      const [attachment, upload] = await withTenant(db, auth, async (trx) => [
        await findTicketAttachment(trx, auth.orgId, params.number, params.id),
        await findAgentAttachment(trx, auth.orgId, params.number, params.id),
      ] as const);
      if (upload) {
        const content = found(await channel.store.get(upload.storage_key), 'Attachment');
        return { status: 200, body: content, headers: uploadHeaders(upload.filename, upload.content_type) };
      }
      if (!attachment?.storage_key) throw notFound('Attachment');
      const content = await channel.store.get(attachment.storage_key);
      if (!content) throw notFound('Attachment');
      return {
        status: 200,
        body: content,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': disposition('attachment', attachment.filename),
          'X-Original-Content-Type': attachment.content_type,
          'Content-Security-Policy': "default-src 'none'; sandbox",
        },
      };
    },
  });

  return [ticketEmails, download];
}
