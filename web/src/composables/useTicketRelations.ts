import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Page, Ticket, TicketLinkKind, TicketRelations, TimelineEvent } from '../api/types';

/** What a ticket was merged into or took in, its links and CCs, and the commands that change them. */
export function useTicketRelations(number: () => number) {
  const relations = ref<TicketRelations | null>(null);
  const error = ref<Error | null>(null);
  const path = () => ({ path: { number: number() } });

  async function load(): Promise<void> {
    try {
      error.value = null;
      relations.value = await ok(http.GET('/api/v1/tickets/{number}/relations', { params: path() }));
    } catch (e) {
      error.value = e as Error;
    }
  }

  /** Merges this ticket into `into`; answers the merged (closed) ticket. */
  const merge = (into: number) => ok(http.POST('/api/v1/tickets/{number}/merge', { params: path(), body: { into } }));

  /** Splits the message of change `seq` into a new ticket; answers that ticket. */
  const split = (seq: number, subject?: string) =>
    ok(http.POST('/api/v1/tickets/{number}/split', { params: path(), body: { seq, ...(subject && { subject }) } }));

  async function link(other: number, kind: TicketLinkKind): Promise<void> {
    relations.value = await ok(http.POST('/api/v1/tickets/{number}/links', { params: path(), body: { number: other, kind } }));
  }

  async function unlink(other: number): Promise<void> {
    relations.value = await ok(http.DELETE('/api/v1/tickets/{number}/links/{linked}', { params: { path: { number: number(), linked: other } } }));
  }

  async function addCc(email: string, name?: string): Promise<void> {
    relations.value = await ok(http.POST('/api/v1/tickets/{number}/ccs', { params: path(), body: { email, ...(name && { name }) } }));
  }

  async function removeCc(contactId: string): Promise<void> {
    relations.value = await ok(http.DELETE('/api/v1/tickets/{number}/ccs/{contactId}', { params: { path: { number: number(), contactId } } }));
  }

  return { relations, error, load, merge, split, link, unlink, addCc, removeCc };
}

/** A merged ticket's own conversation, as the target's page shows it: its row and its first 200 events. */
export async function mergedConversation(number: number): Promise<{ ticket: Ticket; events: TimelineEvent[] }> {
  const path = { path: { number } };
  const [ticket, page] = await Promise.all([
    ok(http.GET('/api/v1/tickets/{number}', { params: path })),
    ok(http.GET('/api/v1/tickets/{number}/timeline', { params: { ...path, query: { limit: 200 } } })),
  ]);
  // The API documents an event's data loosely; its type says which shape it has.
  return { ticket, events: (page as Page<unknown>).data as TimelineEvent[] };
}
