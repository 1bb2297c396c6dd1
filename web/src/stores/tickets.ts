import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, queryString } from '../api/client';
import type { Page, SavedView, StatusCounts, Ticket, TicketFilters } from '../api/types';

/** The queue: current filters, the loaded pages, counts per status and saved views. */
export const useTicketsStore = defineStore('tickets', () => {
  const filters = ref<TicketFilters>({ status: 'new,open,pending,on_hold' });
  const tickets = ref<Ticket[]>([]);
  const nextCursor = ref<string | null>(null);
  const counts = ref<StatusCounts | null>(null);
  const views = ref<SavedView[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function refresh(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { status: _status, ...rest } = filters.value;
      const [page, statusCounts] = await Promise.all([
        api<Page<Ticket>>('GET', `/tickets${queryString({ ...filters.value, limit: 50 })}`),
        api<StatusCounts>('GET', `/tickets/counts${queryString({ ...rest })}`),
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
    const page = await api<Page<Ticket>>('GET', `/tickets${queryString({ ...filters.value, limit: 50, cursor: nextCursor.value })}`);
    tickets.value.push(...page.data);
    nextCursor.value = page.nextCursor;
  }

  async function loadViews(): Promise<void> {
    views.value = (await api<{ data: SavedView[] }>('GET', '/views')).data;
  }

  async function saveView(name: string): Promise<void> {
    const view = await api<SavedView>('POST', '/views', { name, filters: filters.value });
    views.value = [...views.value, view].sort((a, b) => a.name.localeCompare(b.name));
  }

  async function deleteView(id: string): Promise<void> {
    await api('DELETE', `/views/${id}`);
    views.value = views.value.filter((view) => view.id !== id);
  }

  return { filters, tickets, nextCursor, counts, views, loading, error, refresh, loadMore, loadViews, saveView, deleteView };
});
