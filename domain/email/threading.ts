/** Message-IDs in a header value (`<a@b> <c@d>`), without angle brackets, in order. */
export function messageIds(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const ids = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  // Some clients send a bare id without brackets.
  if (ids.length === 0 && /^[^\s<>]+@[^\s<>]+$/.test(text.trim())) ids.push(text.trim());
  return [...new Set(ids)];
}

/** The ticket token an outbound subject carries (`[#123]`), if any. */
export function subjectTicketNumber(subject: string): number | null {
  const match = /\[#(\d{1,9})\]/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** `Re: Printer on fire [#12]` — the subject of a message about a ticket. */
export function ticketSubject(subject: string, number: number, prefix = 'Re: '): string {
  const bare = subject.replace(/\s*\[#\d+\]\s*/g, ' ').replace(/^\s*((re|fwd?|aw|sv|antw)\s*:\s*)+/i, '').trim();
  return `${prefix}${bare} [#${number}]`;
}

/** A subject without reply prefixes or a ticket token: what a new ticket is called. */
export function cleanSubject(subject: string | null | undefined): string {
  const bare = (subject ?? '').replace(/\s*\[#\d+\]\s*/g, ' ').replace(/^\s*((re|fwd?|aw|sv|antw)\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim();
  return bare.length > 0 ? bare.slice(0, 250) : '(no subject)';
}

/** The domain part of an address, for Message-IDs we mint. */
export function addressDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : 'keel.invalid';
}
