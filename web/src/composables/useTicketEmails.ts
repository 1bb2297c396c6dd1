import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { TicketEmail } from '../api/types';

/** An email ticket's messages as sent and received (HTML, quoted history, attachments). */
export function useTicketEmails(number: () => number) {
  const emails = ref<TicketEmail[]>([]);

  /** Reads them again; a failure leaves the ticket shown without them. */
  async function load(): Promise<void> {
    emails.value = await ok(http.GET('/api/v1/tickets/{number}/emails', { params: { path: { number: number() } } }))
      .then((page) => page.data, () => []);
  }

  return { emails, load };
}

/** An attachment's bytes, fetched with the session's token (the browser cannot send it on a plain link). */
export function attachmentBlob(ticketNumber: number, attachmentId: string): Promise<Blob> {
  return ok(http.GET('/api/v1/tickets/{number}/attachments/{id}', { params: { path: { number: ticketNumber, id: attachmentId } }, parseAs: 'blob' }));
}
