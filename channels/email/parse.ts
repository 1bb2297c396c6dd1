import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import {
  bouncedRecipients, classifyNoise, cleanSubject, headerText, messageIds, splitQuoted, storableText, usableAddress, type Noise,
} from '../../domain/email/index';
import { htmlToText, sanitizeEmailHtml } from './sanitize';

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  content: Buffer;
}

/** An inbound message, reduced to what the helpdesk uses. */
export interface ParsedEmail {
  /** The Message-ID without brackets; for a message without one, a hash of its bytes. */
  messageId: string;
  /** In-Reply-To first, then References newest first: the order threading tries them. */
  threadIds: string[];
  /** Who wrote: `From:`, else `Sender:`, else `Reply-To:` (the first usable address). */
  from: { address: string; name: string | null } | null;
  /** `Return-Path:`, the envelope sender a fetching mail store recorded (used for IMAP mail). */
  returnPath: string | null;
  to: string[];
  subject: string;
  /** The subject as written (with reply prefixes and ticket token). */
  rawSubject: string;
  /** The text the writer wrote, and the quoted history below it. */
  text: string;
  quoted: string;
  /** Sanitised HTML, or null for a text-only message. */
  html: string | null;
  attachments: ParsedAttachment[];
  noise: { noise: Noise; reason: string } | null;
  /** For a bounce: the addresses that failed. */
  bounced: { address: string; status: string | null }[];
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string | null }[] {
  if (!value) return [];
  const groups = Array.isArray(value) ? value : [value];
  const out: { address: string; name: string | null }[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else {
        const address = usableAddress(entry.address);
        if (address) out.push({ address, name: headerText(entry.name ?? '') || null });
      }
    }
  };
  for (const group of groups) walk(group.value);
  return out;
}

const INLINE_IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;
const INLINE_IMAGE_MAX_BYTES = 1024 * 1024;

/** Inline (`cid:`) images become data URIs, so the stored HTML shows them without a fetch. */
function inlineImages(html: string, parts: readonly { cid?: string; contentType: string; size: number; content: Buffer }[]): string {
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, quote: string, cid: string) => {
    const part = parts.find((candidate) => candidate.cid && candidate.cid.toLowerCase() === cid.trim().toLowerCase());
    if (!part || !INLINE_IMAGE_TYPES.test(part.contentType.toLowerCase()) || part.size > INLINE_IMAGE_MAX_BYTES) return whole;
    return `${quote}data:${part.contentType.toLowerCase()};base64,${part.content.toString('base64')}${quote}`;
  });
}

/** Parses raw RFC 5322 bytes (charsets, encodings, MIME structure) with mailparser. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const headers = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = headerText(line.slice(line.indexOf(':') + 1));
    headers.set(key.toLowerCase(), [...(headers.get(key.toLowerCase()) ?? []), value]);
  }
  const contentTypeHeader = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const contentType = contentTypeHeader?.value
    ? `${contentTypeHeader.value}${Object.entries(contentTypeHeader.params ?? {}).map(([key, value]) => `; ${key}=${value}`).join('')}`
    : 'text/plain';

  const header = (key: string) => mail.headers.get(key) as AddressObject | undefined;
  const from = addresses(mail.from)[0] ?? addresses(header('sender'))[0] ?? addresses(mail.replyTo)[0] ?? null;
  const rawSubject = headerText(mail.subject ?? '');
  const subject = cleanSubject(rawSubject);
  const html = typeof mail.html === 'string' && mail.html.trim().length > 0 ? storableText(sanitizeEmailHtml(inlineImages(mail.html, mail.attachments))) : null;
  // Entities in HTML can spell what raw text cannot (`&#0;`), so the text is cleaned after it is made.
  const rawText = storableText((mail.text ?? '').trim() || (html ? htmlToText(html) : ''));
  const { visible, quoted } = splitQuoted(rawText);

  const noise = classifyNoise({ headers, contentType, from: from?.address ?? null, subject: rawSubject });
  let bounced: ParsedEmail['bounced'] = [];
  if (noise?.noise === 'bounce') {
    const status = mail.attachments.find((part) => /delivery-status/i.test(part.contentType));
    bounced = bouncedRecipients(storableText(status ? status.content.toString('utf8') : rawText));
  }

  const messageId = messageIds(headerText(mail.messageId ?? ''))[0] ?? `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@keel.generated`;
  const threadIds = [...messageIds(headerText(mail.inReplyTo ?? '')), ...messageIds(headerText([mail.references ?? []].flat().join(' '))).reverse()].filter((id) => id !== messageId);

  return {
    messageId,
    threadIds: [...new Set(threadIds)],
    from,
    returnPath: addresses(header('return-path'))[0]?.address ?? null,
    to: addresses(mail.to).map((entry) => entry.address),
    subject,
    rawSubject,
    text: visible,
    quoted,
    html,
    attachments: mail.attachments
      .filter((part) => !/^message\/(delivery-status|disposition-notification)/i.test(part.contentType))
      .map((part) => ({
        filename: headerText(part.filename ?? '').replace(/[\\/]/g, '_').slice(0, 200) || `attachment.${headerText(part.contentType.split('/')[1] ?? '') || 'bin'}`,
        contentType: headerText(part.contentType).toLowerCase(),
        size: part.size,
        inline: part.contentDisposition === 'inline' || part.related === true,
        content: part.content,
      })),
    noise,
    bounced,
  };
}
