import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { refuseAttachment } from '../../channels/email/attachment-store';
import { insertTicketAttachment } from '../../db/ticket-attachments';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import { createdReply } from '../command-route';
import type { ApiDeps } from '../deps';
import { runningEmailChannel } from '../email/running-channel';
import { Problem, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { AttachmentUploadHeaders, AttachmentUploadQuery, TicketAttachmentSchema, TicketNumberParams } from '../schemas/tickets';
import { getTicket } from '../tickets/read-model';

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.workTickets });

/**
 * Agents' uploads to a ticket, sent later with a reply or note (`attachmentIds`). The file is
 * the request body itself, not multipart (the API parses JSON only, and a raw body can be
 * streamed with its size capped as it arrives); its bytes go to the attachment store email
 * uses, under the email channel's size and type limits.
 */
export function ticketAttachmentRoutes(deps: ApiDeps) {
  const upload = tickets.post('/tickets/{number}/attachments', {
    operationId: 'uploadTicketAttachment',
    summary: 'Upload a file to send with a reply or note: the body is the file, its Content-Type the file\'s type, its name in `filename` or Content-Disposition',
    params: TicketNumberParams, query: AttachmentUploadQuery, headers: AttachmentUploadHeaders,
    upload: { description: 'The file, as itself' },
    responses: {
      201: { description: 'Stored; send its id with a reply or note', schema: TicketAttachmentSchema },
      413: { description: '`attachment-too-large`: over the email channel\'s attachment size limit' },
      415: { description: '`attachment-type-refused`: a type email attachments refuse too (executables, scripts), or no Content-Type' },
    },
    async handler({ auth, params, query, ctx }) {
      const channel = runningEmailChannel(deps);
      const maxBytes = channel.settings.maxAttachmentBytes;
      const filename = cleanFilename(query.filename ?? dispositionFilename(ctx.get('content-disposition')));
      if (!filename) throw new Problem(400, 'filename-required', 'The file needs a name', { detail: 'Send it in the filename query parameter or a Content-Disposition header.', errors: [{ pointer: '/filename', message: 'Required.' }] });
      const contentType = ctx.get('content-type').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) throw typeRefused(filename, 'Send the file\'s media type as its Content-Type.');
      if (refuseAttachment(filename, contentType, 0, { maxBytes }) !== null) throw typeRefused(filename, `${filename} (${contentType}) is a file type attachments may not have.`);
      const declared = Number(ctx.get('content-length') || 0);
      if (declared > maxBytes) throw tooLarge(filename, maxBytes);
      if (!(await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, params.number)))) throw notFound(`Ticket #${params.number}`);

      const content = await readUpload(ctx, maxBytes);
      if (content === null) throw tooLarge(filename, maxBytes);
      if (content.length === 0) throw new Problem(422, 'attachment-empty', 'The file is empty', { detail: `${filename} has no content.` });
      const id = randomUUID();
      const storageKey = `${auth.orgId}/${id}`;
      await channel.store.put(storageKey, content);
      await withTenant(deps.db, auth, (trx) => insertTicketAttachment(trx, auth.orgId, {
        id, number: params.number, filename, contentType, size: content.length, storageKey, uploadedBy: auth.userId,
      }));
      return createdReply(`/api/v1/tickets/${params.number}/attachments/${id}`, { id, filename, contentType, size: content.length }, false);
    },
  });

  return [upload];
}

const tooLarge = (filename: string, maxBytes: number) =>
  new Problem(413, 'attachment-too-large', 'The file is too large', { detail: `${filename} is larger than ${formatBytes(maxBytes)}, the most an attachment may be.`, maxBytes });

const typeRefused = (filename: string, detail: string) =>
  new Problem(415, 'attachment-type-refused', 'The file type is not allowed', { detail, filename });

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** The filename of a Content-Disposition header: `filename*=UTF-8''…` first, else `filename="…"`. */
function dispositionFilename(header: string): string | undefined {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header)?.slice(1).find((part) => part !== undefined)?.replace(/\\(.)/g, '$1');
}

/** The name without any folder a browser or client sent with it, control characters, or surrounding space. */
function cleanFilename(name: string | undefined): string | null {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[/\\]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim() ?? '';
  return base.length === 0 ? null : base.slice(0, 255);
}

/**
 * The request body, or null once it passes `maxBytes`. A body that overflows is still read to
 * its end (and dropped), so the client hears the 413 instead of a reset connection. JSON was
 * read by the body parser already (its raw text is kept).
 */
async function readUpload(ctx: Context, maxBytes: number): Promise<Buffer | null> {
  const parsed = (ctx.request as { rawBody?: string }).rawBody;
  if (parsed !== undefined) {
    const bytes = Buffer.from(parsed, 'utf8');
    return bytes.length > maxBytes ? null : bytes;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes ? null : Buffer.concat(chunks);
}
