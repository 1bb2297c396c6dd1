/* eslint-disable no-control-regex -- finding control characters is what this module is for */
/**
 * Characters Postgres refuses: NUL in text, and in jsonb also UTF-16 surrogates without their
 * pair (`\ud800` escapes). One of them in a mail would make every write of it fail forever.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a mail brought (a body, HTML), without what Postgres cannot store. Line breaks stay. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '');
}

/**
 * A one-line value taken from a header (a display name, a subject, a filename): storable, and
 * without control characters, so a decoded CR/LF can never split a header written from it later.
 */
export function headerText(text: string): string {
  return storableText(text).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** An address we can write to (lowercased), or null: one `@`, no whitespace or control characters. */
export function usableAddress(address: string | null | undefined): string | null {
  if (!address || storableText(address) !== address) return null;
  return /^[^\s@\u0000-\u001f\u007f-\u009f]+@[^\s@\u0000-\u001f\u007f-\u009f]+$/.test(address) ? address.toLowerCase() : null;
}

/**
 * An address mail can reach: usable, and not under `.invalid` (RFC 2606), the domain of the
 * placeholder requesters that mail without any sender address was once filed under.
 */
export function reachableAddress(address: string | null | undefined): string | null {
  const usable = usableAddress(address);
  return usable && !/\.invalid$/.test(usable) ? usable : null;
}
