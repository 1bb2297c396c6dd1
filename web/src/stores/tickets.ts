import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { BulkAction, BulkResult, NewTicket, SavedView, StatusCounts, Ticket, TicketFilters } from '../api/types';
import type { operations } from '../api/schema';

type TicketQuery = NonNullable<operations['listTickets']['parameters']['query']>;

/** The queue: current filters, the loaded pages, counts per status and saved views. */
export const useTicketsStore = defineStore('tickets', () => {
  const filters = ref<TicketFilters>({ status: 'new,open,pending,on_hold' });
  const tickets = ref<Ticket[]>([]);
  const nextCursor = ref<string | null>(null);
  const counts = ref<StatusCounts | null>(null);
  const views = ref<SavedView[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  /** The filters as the queue's query: empty ones left out, a priority as the API names it. */
  function query(): TicketQuery {
    const entries = Object.entries(filters.value).filter(([, value]) => value !== undefined && value !== '');
    return Object.fromEntries(entries) as TicketQuery;
  }

  async function refresh(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [page, statusCounts] = await Promise.all([
        ok(http.GET('/api/v1/tickets', { params: { query: { ...query(), limit: 50 } } })),
        ok(http.GET('/api/v1/tickets/counts', { params: { query: { ...query(), status: undefined, sort: undefined } } })),
      ]);
      tickets.value = page.data;
      nextCursor.value = page.nextCursor;
      counts.value = statusCounts;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value) return;
    const page = await ok(http.GET('/api/v1/tickets', { params: { query: { ...query(), limit: 50, cursor: nextCursor.value } } }));
    tickets.value.push(...page.data);
    nextCursor.value = page.nextCursor;
  }

  async function loadViews(): Promise<void> {
    views.value = (await ok(http.GET('/api/v1/views'))).data;
  }

  async function saveView(name: string): Promise<void> {
    const view = await ok(http.POST('/api/v1/views', { body: { name, filters: filters.value } }));
    views.value = [...views.value, view].sort((a, b) => a.name.localeCompare(b.name));
  }

  async function deleteView(id: string): Promise<void> {
    await ok(http.DELETE('/api/v1/views/{id}', { params: { path: { id } } }));
    views.value = views.value.filter((view) => view.id !== id);
  }

  /** Opens a ticket an agent writes for a requester. */
  const create = (ticket: NewTicket): Promise<Ticket> => ok(http.POST('/api/v1/tickets', { body: ticket }));

  /** One action on the selected tickets (each its own command on the server); the queue is re-read after. */
  async function bulk(numbers: number[], action: BulkAction): Promise<BulkResult[]> {
    const answer = await ok(http.POST('/api/v1/tickets/bulk', { body: { numbers, action }, headers: { 'Idempotency-Key': crypto.randomUUID() } }));
    await refresh();
    return answer.data;
  }

  return { filters, tickets, nextCursor, counts, views, loading, error, refresh, loadMore, loadViews, saveView, deleteView, create, bulk };
});
