import { ref } from 'vue';
import { ApiError, http, ok } from '../api/client';
import type { RejectedMail, RetriedMail } from '../api/types';

/** The mail a mailbox accepted but could not put on a ticket, a page at a time, and retrying it. */
export function useRejectedMail(mailboxId: () => string) {
  const rows = ref<RejectedMail[]>([]);
  const nextCursor = ref<string | null>(null);

  /** The first page (no cursor), or the next one appended. */
  async function load(cursor: string | null = null): Promise<void> {
    const page = await ok(http.GET('/api/v1/mailboxes/{id}/rejected-mail', { params: { path: { id: mailboxId() }, query: { ...(cursor && { cursor }) } } }));
    rows.value = cursor ? [...rows.value, ...page.data] : page.data;
    nextCursor.value = page.nextCursor;
  }

  /** Taken: the message leaves the list. Refused again: it stays, with the new reason, and the refusal is thrown. */
  async function retry(id: string): Promise<RetriedMail> {
    try {
      const result = await ok(http.POST('/api/v1/rejected-mail/{id}/retry', { params: { path: { id } } }));
      rows.value = rows.value.filter((row) => row.id !== id);
      return result;
    } catch (e) {
      const updated = e instanceof ApiError ? (e.problem.rejectedMail as RejectedMail | undefined) : undefined;
      if (updated) rows.value = rows.value.map((row) => (row.id === updated.id ? updated : row));
      throw e;
    }
  }

  return { rows, nextCursor, load, retry };
}
